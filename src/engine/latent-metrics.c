/* latent-metrics.c — clustering scores against true labels, and the Hungarian method
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scores follow scikit-learn's definitions (normalized_mutual_info_score
 * with arithmetic averaging, adjusted_rand_score) including their limit
 * cases, so that figures from this program can be compared with published
 * ones. With no labelled sample at all the scores are NaN: there is nothing
 * to score.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "latent-metrics.h"

/* Ids at or below this are renumbered through a lookup table, larger ones by
 * sorting: labels and cluster ids are small in practice. */
#define DIRECT_ID_LIMIT 65536

/* Shortest augmenting path form of the Hungarian method with row and column
 * potentials (Kuhn 1955, Munkres 1957; the organisation of Jonker &
 * Volgenant 1987, as in e-maxx's "Hungarian algorithm" for n ≤ m). Row i is
 * added one at a time; a Dijkstra-like search over reduced costs
 * a[i][j] − u[i] − v[j] ≥ 0 finds the cheapest augmenting path from it. Each
 * search costs O(n m), so O(n² m) in all: a few clusters against thousands of
 * classes costs what the thousands do, not their cube. Arrays are 1-based,
 * index 0 being the virtual source column. */
double
latent_hungarian_rectangular (const double *cost,
                              gsize         n_rows,
                              gsize         n_cols,
                              guint        *row_to_col)
{
  g_autofree double *u = NULL;
  g_autofree gsize *match = NULL;
  double *v, *min_v;
  gsize *col_row, *way;
  g_autofree gboolean *used = NULL;
  gsize n = n_rows, m = n_cols;
  double total = 0.0;

  g_return_val_if_fail (n_rows <= n_cols, NAN);
  g_return_val_if_fail (n_cols < G_MAXUINT, NAN);
  g_return_val_if_fail (n == 0 || cost != NULL, NAN);
  g_return_val_if_fail (n == 0 || row_to_col != NULL, NAN);

  if (n == 0)
    return 0.0;

  u = g_new0 (double, (n + 1) + 2 * (m + 1));   /* u[n + 1], v[m + 1], min_v[m + 1] */
  v = u + (n + 1);
  min_v = v + (m + 1);
  match = g_new0 (gsize, 2 * (m + 1));          /* col_row[m + 1], way[m + 1] */
  col_row = match;
  way = match + (m + 1);
  used = g_new0 (gboolean, m + 1);

  for (gsize i = 1; i <= n; i++)
    {
      gsize j0 = 0;

      col_row[0] = i;
      for (gsize j = 0; j <= m; j++)
        {
          min_v[j] = INFINITY;
          used[j] = FALSE;
        }

      do
        {
          gsize i0 = col_row[j0];
          const double *row = cost + (i0 - 1) * m;
          double delta = INFINITY;
          gsize j1 = 0;

          used[j0] = TRUE;
          for (gsize j = 1; j <= m; j++)
            {
              double reduced;

              if (used[j])
                continue;
              reduced = row[j - 1] - u[i0] - v[j];
              if (reduced < min_v[j])
                {
                  min_v[j] = reduced;
                  way[j] = j0;
                }
              if (min_v[j] < delta)
                {
                  delta = min_v[j];
                  j1 = j;
                }
            }
          /* Costs are finite and m ≥ n, so some free column is always
           * reachable. */
          g_assert (j1 != 0);

          for (gsize j = 0; j <= m; j++)
            {
              if (used[j])
                {
                  u[col_row[j]] += delta;
                  v[j] -= delta;
                }
              else
                {
                  min_v[j] -= delta;
                }
            }
          j0 = j1;
        }
      while (col_row[j0] != 0);

      /* Flip the matching along the path back to the source. */
      do
        {
          gsize j1 = way[j0];

          col_row[j0] = col_row[j1];
          j0 = j1;
        }
      while (j0 != 0);
    }

  for (gsize j = 1; j <= m; j++)
    if (col_row[j] != 0)
      row_to_col[col_row[j] - 1] = (guint) (j - 1);
  for (gsize i = 0; i < n; i++)
    total += cost[i * m + row_to_col[i]];
  return total;
}

double
latent_hungarian (const double *cost,
                  gsize         n,
                  guint        *row_to_col)
{
  return latent_hungarian_rectangular (cost, n, n, row_to_col);
}

static int
compare_guint32 (const void *a,
                 const void *b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* Renumbers values[i] (for the samples kept) as 0 … n_distinct − 1 in
 * increasing order of value, into out[i]. */
static gsize
renumber (guint32        *out,
          const guint32  *values,
          const gint32   *labels,
          gsize           n)
{
  guint32 largest = 0;
  gsize n_kept = 0;
  gsize n_distinct = 0;

  for (gsize i = 0; i < n; i++)
    {
      if (labels[i] < 0)
        continue;
      largest = MAX (largest, values[i]);
      n_kept++;
    }
  if (n_kept == 0)
    return 0;

  if (largest < DIRECT_ID_LIMIT)
    {
      g_autofree guint32 *table = g_new (guint32, (gsize) largest + 1);

      memset (table, 0xff, ((gsize) largest + 1) * sizeof *table);
      for (gsize i = 0; i < n; i++)
        if (labels[i] >= 0)
          table[values[i]] = 0;
      for (gsize id = 0; id <= largest; id++)
        if (table[id] == 0)
          table[id] = (guint32) n_distinct++;
      for (gsize i = 0; i < n; i++)
        if (labels[i] >= 0)
          out[i] = table[values[i]];
    }
  else
    {
      g_autofree guint32 *sorted = g_new (guint32, n_kept);
      gsize m = 0;

      for (gsize i = 0; i < n; i++)
        if (labels[i] >= 0)
          sorted[m++] = values[i];
      qsort (sorted, m, sizeof *sorted, compare_guint32);
      for (gsize i = 0; i < m; i++)
        if (n_distinct == 0 || sorted[i] != sorted[n_distinct - 1])
          sorted[n_distinct++] = sorted[i];
      for (gsize i = 0; i < n; i++)
        {
          const guint32 *hit;

          if (labels[i] < 0)
            continue;
          hit = bsearch (&values[i], sorted, n_distinct, sizeof *sorted, compare_guint32);
          g_assert (hit != NULL);
          out[i] = (guint32) (hit - sorted);
        }
    }
  return n_distinct;
}

typedef struct
{
  gsize   n_rows;     /* distinct labels */
  gsize   n_cols;     /* distinct clusters */
  gsize   total;      /* labelled samples */
  double *table;      /* n_rows × n_cols counts */
  double *row_sums;   /* n_rows */
  double *col_sums;   /* n_cols */
} Contingency;

static void
contingency_clear (Contingency *c)
{
  g_clear_pointer (&c->table, g_free);
  g_clear_pointer (&c->row_sums, g_free);
  g_clear_pointer (&c->col_sums, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Contingency, contingency_clear)

/* Counts of (label, cluster) pairs over the labelled samples. Returns FALSE
 * when there is none. */
static gboolean
contingency_init (Contingency   *c,
                  const gint32  *labels,
                  const guint32 *clusters,
                  gsize          n)
{
  g_autofree guint32 *rows = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *cols = g_new (guint32, MAX (n, 1));

  memset (c, 0, sizeof *c);
  /* Labels are ≥ 0 where kept, so they renumber as unsigned values. */
  c->n_rows = renumber (rows, (const guint32 *) labels, labels, n);
  c->n_cols = renumber (cols, clusters, labels, n);
  if (c->n_rows == 0)
    return FALSE;

  c->table = g_new0 (double, c->n_rows * c->n_cols);
  c->row_sums = g_new0 (double, c->n_rows);
  c->col_sums = g_new0 (double, c->n_cols);
  for (gsize i = 0; i < n; i++)
    {
      if (labels[i] < 0)
        continue;
      c->table[(gsize) rows[i] * c->n_cols + cols[i]] += 1.0;
      c->row_sums[rows[i]] += 1.0;
      c->col_sums[cols[i]] += 1.0;
      c->total++;
    }
  return TRUE;
}

double
latent_metrics_accuracy (const gint32  *labels,
                         const guint32 *clusters,
                         gsize          n)
{
  g_auto (Contingency) c = { 0 };
  g_autofree double *cost = NULL;
  g_autofree guint *row_to_col = NULL;
  double matched;

  g_return_val_if_fail (n == 0 || (labels != NULL && clusters != NULL), NAN);

  if (!contingency_init (&c, labels, clusters, n))
    return NAN;

  /* Clusters and classes may differ in number: the smaller side is matched
   * into the larger (a rectangular assignment), and what is left over scores
   * nothing. Padding to a square instead would cost the cube of the larger
   * side: minutes for a column of a few thousand distinct ids. */
  if (c.n_rows <= c.n_cols)
    {
      cost = g_new (double, c.n_rows * c.n_cols);
      for (gsize i = 0; i < c.n_rows * c.n_cols; i++)
        cost[i] = -c.table[i];
      row_to_col = g_new (guint, c.n_rows);
      matched = -latent_hungarian_rectangular (cost, c.n_rows, c.n_cols, row_to_col);
    }
  else
    {
      /* cost[n_cols × n_rows] = −tableᵀ: clusters as rows. */
      cost = g_new (double, c.n_cols * c.n_rows);
      for (gsize r = 0; r < c.n_rows; r++)
        for (gsize k = 0; k < c.n_cols; k++)
          cost[k * c.n_rows + r] = -c.table[r * c.n_cols + k];
      row_to_col = g_new (guint, c.n_cols);
      matched = -latent_hungarian_rectangular (cost, c.n_cols, c.n_rows, row_to_col);
    }
  return matched / (double) c.total;
}

/* Σ p log p over counts that sum to total, as −entropy in nats. */
static double
entropy (const double *counts,
         gsize         n,
         double        total)
{
  double h = 0.0;

  for (gsize i = 0; i < n; i++)
    if (counts[i] > 0.0)
      h -= counts[i] / total * log (counts[i] / total);
  return h;
}

double
latent_metrics_nmi (const gint32  *labels,
                    const guint32 *clusters,
                    gsize          n)
{
  g_auto (Contingency) c = { 0 };
  double total, mi = 0.0, h_labels, h_clusters, mean_h;

  g_return_val_if_fail (n == 0 || (labels != NULL && clusters != NULL), NAN);

  if (!contingency_init (&c, labels, clusters, n))
    return NAN;

  /* Both labelings put everything in one group: identical partitions, which
   * scikit-learn scores 1 although both entropies are 0. */
  if (c.n_rows == 1 && c.n_cols == 1)
    return 1.0;

  total = (double) c.total;
  for (gsize r = 0; r < c.n_rows; r++)
    for (gsize k = 0; k < c.n_cols; k++)
      {
        double nij = c.table[r * c.n_cols + k];

        if (nij > 0.0)
          mi += nij / total * log (nij * total / (c.row_sums[r] * c.col_sums[k]));
      }
  /* Rounding can leave a tiny negative value where the true one is 0. */
  mi = MAX (mi, 0.0);
  if (mi == 0.0)
    return 0.0;

  h_labels = entropy (c.row_sums, c.n_rows, total);
  h_clusters = entropy (c.col_sums, c.n_cols, total);
  mean_h = MAX ((h_labels + h_clusters) / 2.0, DBL_EPSILON);
  return mi / mean_h;
}

double
latent_metrics_ari (const gint32  *labels,
                    const guint32 *clusters,
                    gsize          n)
{
  g_auto (Contingency) c = { 0 };
  double total, sum_sq = 0.0, row_sq = 0.0, col_sq = 0.0;
  double tp, fp, fn, tn;

  g_return_val_if_fail (n == 0 || (labels != NULL && clusters != NULL), NAN);

  if (!contingency_init (&c, labels, clusters, n))
    return NAN;

  /* The pair confusion matrix (as scikit-learn's adjusted_rand_score): pairs
   * of samples counted twice, together or apart in each labeling. All counts
   * are integers below 2⁵³ for any n that fits in memory, so exact. */
  total = (double) c.total;
  for (gsize i = 0; i < c.n_rows * c.n_cols; i++)
    sum_sq += c.table[i] * c.table[i];
  for (gsize r = 0; r < c.n_rows; r++)
    row_sq += c.row_sums[r] * c.row_sums[r];
  for (gsize k = 0; k < c.n_cols; k++)
    col_sq += c.col_sums[k] * c.col_sums[k];

  tp = sum_sq - total;              /* together in both */
  fp = col_sq - sum_sq;             /* together in the clusters only */
  fn = row_sq - sum_sq;             /* together in the labels only */
  tn = total * total - tp - fp - fn - total;

  /* Identical partitions, including the limit cases (one group each, or
   * every sample alone) where the formula is 0 / 0. */
  if (fp == 0.0 && fn == 0.0)
    return 1.0;

  return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

void
latent_metrics_majority (const gint32  *labels,
                         const guint32 *clusters,
                         gsize          n,
                         guint          k,
                         gint32        *majority,
                         float         *share)
{
  g_autoptr(GHashTable) counts = NULL;   /* (cluster, label) → count */
  g_autofree gsize *totals = NULL;
  g_autofree gsize *best = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (n == 0 || (labels != NULL && clusters != NULL));
  g_return_if_fail (majority != NULL && share != NULL);

  /* Labels may be any gint32 and clusters few: count pairs in a table. */
  counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  totals = g_new0 (gsize, MAX (k, 1));
  best = g_new0 (gsize, MAX (k, 1));
  for (gsize i = 0; i < n; i++)
    {
      gint64 pair;
      gpointer old;

      if (labels[i] < 0 || clusters[i] >= k)
        continue;
      pair = ((gint64) clusters[i] << 32) | (guint32) labels[i];
      totals[clusters[i]]++;
      old = g_hash_table_lookup (counts, &pair);
      if (old == NULL)
        g_hash_table_insert (counts, g_memdup2 (&pair, sizeof pair), GSIZE_TO_POINTER (1));
      else
        g_hash_table_insert (counts, g_memdup2 (&pair, sizeof pair),
                             GSIZE_TO_POINTER (GPOINTER_TO_SIZE (old) + 1));
    }

  for (guint c = 0; c < k; c++)
    {
      majority[c] = -1;
      share[c] = 0.0f;
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 pair = *(gint64 *) key;
      guint c = (guint) (pair >> 32);
      gint32 label = (gint32) (guint32) (pair & 0xffffffff);
      gsize count = GPOINTER_TO_SIZE (value);

      if (count > best[c] || (count == best[c] && label < majority[c]))
        {
          best[c] = count;
          majority[c] = label;
        }
    }
  for (guint c = 0; c < k; c++)
    if (totals[c] > 0)
      share[c] = (float) best[c] / (float) totals[c];
}

/* Centres a[n × 2] (doubles) and scales it to unit Frobenius norm, giving
 * the mean and the norm taken out; FALSE when it has no spread. */
static gboolean
centre_and_scale (double *a,
                  gsize   n,
                  double  mean[2],
                  double *norm)
{
  mean[0] = mean[1] = 0.0;
  *norm = 0.0;
  for (gsize i = 0; i < n; i++)
    {
      mean[0] += a[i * 2] / n;
      mean[1] += a[i * 2 + 1] / n;
    }
  for (gsize i = 0; i < n * 2; i++)
    {
      a[i] -= mean[i % 2];
      *norm += a[i] * a[i];
    }
  if (!(*norm > 0.0))
    return FALSE;
  *norm = sqrt (*norm);
  for (gsize i = 0; i < n * 2; i++)
    a[i] /= *norm;
  return TRUE;
}

/* The two pictures, centred and scaled to unit size, and M = aᵀ b; FALSE
 * when either has no spread. */
typedef struct
{
  double mean_a[2], norm_a;
  double mean_b[2], norm_b;
  double m[4];
} Procrustes;

static gboolean
procrustes_prepare (const float *xy,
                    const float *places,
                    gsize        n,
                    Procrustes  *p)
{
  g_autofree double *a = NULL;
  g_autofree double *b = NULL;
  double mid_latitude = 0.0;

  if (n < 2)
    return FALSE;
  a = g_new (double, n * 2);
  b = g_new (double, n * 2);
  for (gsize i = 0; i < n; i++)
    mid_latitude += places[i * 2] / n;
  for (gsize i = 0; i < n; i++)
    {
      a[i * 2] = xy[i * 2];
      a[i * 2 + 1] = xy[i * 2 + 1];
      /* East and north, in the same units. */
      b[i * 2] = places[i * 2 + 1] * cos (mid_latitude * G_PI / 180.0);
      b[i * 2 + 1] = places[i * 2];
    }
  if (!centre_and_scale (a, n, p->mean_a, &p->norm_a)
      || !centre_and_scale (b, n, p->mean_b, &p->norm_b))
    return FALSE;
  memset (p->m, 0, sizeof p->m);
  for (gsize i = 0; i < n; i++)
    for (gsize r = 0; r < 2; r++)
      for (gsize c = 0; c < 2; c++)
        p->m[r * 2 + c] += a[i * 2 + r] * b[i * 2 + c];
  return TRUE;
}

double
latent_metrics_procrustes (const float *xy,
                           const float *places,
                           gsize        n)
{
  Procrustes p;
  double frobenius, det;

  g_return_val_if_fail (xy != NULL && places != NULL, NAN);

  if (!procrustes_prepare (xy, places, n, &p))
    return NAN;
  /* The best rotation or reflection gives trace = σ₁ + σ₂ of M = aᵀ b, and
   * for a 2 × 2 matrix σ₁ + σ₂ = √(‖M‖² + 2 |det M|). */
  frobenius = p.m[0] * p.m[0] + p.m[1] * p.m[1] + p.m[2] * p.m[2] + p.m[3] * p.m[3];
  det = p.m[0] * p.m[3] - p.m[1] * p.m[2];
  return MIN (sqrt (frobenius + 2.0 * fabs (det)), 1.0);
}

gboolean
latent_metrics_procrustes_fit (const float *xy,
                               const float *places,
                               gsize        n,
                               double       t[6])
{
  Procrustes p;
  double rotation, reflection, angle, scale, r[4];
  const double *m;

  g_return_val_if_fail (xy != NULL && places != NULL && t != NULL, FALSE);

  if (!procrustes_prepare (xy, places, n, &p))
    return FALSE;
  m = p.m;
  /* a R ≈ b for R orthogonal maximises trace (Rᵀ M). A rotation by θ gives
   * cos θ (m₀₀ + m₁₁) + sin θ (m₁₀ − m₀₁); a reflection gives
   * cos θ (m₀₀ − m₁₁) + sin θ (m₁₀ + m₀₁). The larger maximum wins, and it
   * is also the best scale of a onto b (both of unit size). */
  rotation = hypot (m[0] + m[3], m[2] - m[1]);
  reflection = hypot (m[0] - m[3], m[2] + m[1]);
  if (rotation >= reflection)
    {
      angle = atan2 (m[2] - m[1], m[0] + m[3]);
      /* R = [[c, −s], [s, c]], applied to a row vector: (x, y) R. */
      r[0] = cos (angle), r[1] = -sin (angle), r[2] = sin (angle), r[3] = cos (angle);
      scale = rotation;
    }
  else
    {
      angle = atan2 (m[2] + m[1], m[0] - m[3]);
      r[0] = cos (angle), r[1] = sin (angle), r[2] = sin (angle), r[3] = -cos (angle);
      scale = reflection;
    }
  /* b ≈ scale · a R, back in the map's units: (x − mean_a) / norm_a gives a,
   * and norm_b · b + mean_b the map. As a column vector, p' = Rᵀ p. */
  scale *= p.norm_b / p.norm_a;
  t[0] = scale * r[0], t[1] = scale * r[2];
  t[2] = scale * r[1], t[3] = scale * r[3];
  t[4] = p.mean_b[0] - (t[0] * p.mean_a[0] + t[1] * p.mean_a[1]);
  t[5] = p.mean_b[1] - (t[2] * p.mean_a[0] + t[3] * p.mean_a[1]);
  return TRUE;
}

double
latent_metrics_silhouette (const float   *x,
                           gsize          n,
                           gsize          dim,
                           const guint32 *clusters,
                           guint          k)
{
  g_autofree double *sums = NULL;
  g_autofree gsize *sizes = NULL;
  double total = 0.0;

  g_return_val_if_fail (n == 0 || (x != NULL && clusters != NULL), NAN);
  g_return_val_if_fail (k > 0, NAN);

  if (n == 0)
    return NAN;
  sums = g_new (double, k);
  sizes = g_new0 (gsize, k);
  for (gsize i = 0; i < n; i++)
    if (clusters[i] < k)
      sizes[clusters[i]]++;

  for (gsize i = 0; i < n; i++)
    {
      guint own = clusters[i];
      double a, b = INFINITY;

      if (own >= k || sizes[own] < 2)
        continue;
      memset (sums, 0, k * sizeof (double));
      for (gsize j = 0; j < n; j++)
        {
          double d2 = 0.0;

          if (clusters[j] >= k)
            continue;
          for (gsize m = 0; m < dim; m++)
            d2 += ((double) x[i * dim + m] - x[j * dim + m]) * ((double) x[i * dim + m] - x[j * dim + m]);
          sums[clusters[j]] += sqrt (d2);
        }
      a = sums[own] / (sizes[own] - 1);
      for (guint c = 0; c < k; c++)
        if (c != own && sizes[c] > 0)
          b = MIN (b, sums[c] / sizes[c]);
      if (isfinite (b) && MAX (a, b) > 0.0)
        total += (b - a) / MAX (a, b);
    }
  return total / n;
}
