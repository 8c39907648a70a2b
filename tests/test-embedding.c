/* test-embedding.c — the neighbour embedding and the grouping loss
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "latent-embedding.h"
#include "latent-rng.h"
#include "latent-test-util.h"

/* Central differences of the pair loss in d2 against its gradient. */
static void
test_pair_gradient (void)
{
  LatentEmbeddingParams params;
  const double d2s[] = { 0.01, 0.3, 1.0, 2.5, 10.0, 60.0 };

  latent_embedding_params_init_default (&params);
  params.repulsion = 1.7f;
  for (guint neighbours = 0; neighbours < 2; neighbours++)
    for (guint i = 0; i < G_N_ELEMENTS (d2s); i++)
      {
        double d2 = d2s[i], h = 1e-6 * MAX (d2, 1.0);
        double numeric = (latent_embedding_pair_loss (&params, d2 + h, neighbours)
                          - latent_embedding_pair_loss (&params, d2 - h, neighbours)) / (2 * h);
        double analytic = latent_embedding_pair_gradient (&params, d2, neighbours);

        /* The repulsion's analytic form adds UMAP's ε = 0.001 to d2 where it
         * divides; the loss has none, so allow that much. */
        g_test_message ("%s d2 = %g: numeric %.6g analytic %.6g",
                        neighbours ? "attraction" : "repulsion", d2, numeric, analytic);
        g_assert_cmpfloat (fabs (numeric - analytic), <=,
                           (neighbours ? 1e-5 : 2e-3 / d2) * MAX (fabs (numeric), 1e-3));
      }
}

/* Two points joined by one edge and no negatives: a pass pulls the pair
 * twice (the edge is stored from both ends), each time moving both points
 * by −rate × the loss's gradient with respect to each. */
static void
test_step_follows_gradient (void)
{
  guint32 lists[] = { 1, 0 };
  g_autoptr(LatentGraph) graph = latent_graph_new_agreeing (lists, NULL, 2, 1);
  g_autoptr(LatentEmbedding) embedding = NULL;
  LatentEmbeddingParams params;
  const float start[] = { 0.0f, 0.0f, 1.2f, -0.5f };
  const double rate = 0.1;   /* epoch 9 of 10 */
  double y[2][2] = { { 0.0, 0.0 }, { 1.2, -0.5 } };
  const float *after;

  latent_embedding_params_init_default (&params);
  params.n_negatives = 0;
  embedding = latent_embedding_new (graph, start, 2, &params, 1);
  latent_embedding_run_epoch (embedding, 9, 10);
  after = latent_embedding_peek_positions (embedding);

  for (guint pull = 0; pull < 2; pull++)
    {
      guint near = pull, far = 1 - pull;
      double d2 = (y[0][0] - y[1][0]) * (y[0][0] - y[1][0])
                + (y[0][1] - y[1][1]) * (y[0][1] - y[1][1]);
      double g = latent_embedding_pair_gradient (&params, d2, TRUE);

      for (guint j = 0; j < 2; j++)
        {
          /* ∂loss/∂y_near = 2 g (y_near − y_far). */
          double step = -rate * 2.0 * g * (y[near][j] - y[far][j]);

          y[near][j] += step;
          y[far][j] -= step;
        }
    }
  for (guint j = 0; j < 2; j++)
    {
      g_assert_cmpfloat (fabs (after[j] - y[0][j]), <, 1e-5);
      g_assert_cmpfloat (fabs (after[2 + j] - y[1][j]), <, 1e-5);
    }
  g_assert_cmpfloat (hypot (after[2] - after[0], after[3] - after[1]), <, hypot (1.2, 0.5));
}

/* Two groups whose members are all neighbours of each other, mixed at the
 * start: after the embedding, every point is nearer its own group's centre
 * than the other's, and the groups are far apart for their size. */
static void
test_separates_groups (void)
{
  const gsize n = 40;
  const guint k = 19;
  g_autofree guint32 *lists = g_new (guint32, n * k);
  g_autofree float *start = g_new (float, n * 2);
  g_autoptr(LatentGraph) graph = NULL;
  g_autoptr(LatentEmbedding) embedding = NULL;
  LatentEmbeddingParams params;
  const float *y;
  double centre[2][2] = { { 0 } }, spread = 0.0, gap;
  LatentRng rng;

  for (gsize i = 0; i < n; i++)
    {
      guint m = 0;

      for (gsize j = 0; j < n; j++)
        if (j != i && j % 2 == i % 2)
          lists[i * k + m++] = j;
      g_assert_cmpuint (m, ==, k);
    }
  latent_rng_init (&rng, 3);
  for (gsize i = 0; i < n * 2; i++)
    start[i] = latent_rng_normal (&rng);

  graph = latent_graph_new_agreeing (lists, NULL, n, k);
  latent_embedding_params_init_default (&params);
  embedding = latent_embedding_new (graph, start, 2, &params, 5);
  for (guint e = 0; e < 200; e++)
    latent_embedding_run_epoch (embedding, e, 200);
  y = latent_embedding_peek_positions (embedding);

  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < 2; j++)
      centre[i % 2][j] += y[i * 2 + j] / (n / 2);
  gap = hypot (centre[0][0] - centre[1][0], centre[0][1] - centre[1][1]);
  for (gsize i = 0; i < n; i++)
    {
      double own = hypot (y[2 * i] - centre[i % 2][0], y[2 * i + 1] - centre[i % 2][1]);
      double other = hypot (y[2 * i] - centre[1 - i % 2][0], y[2 * i + 1] - centre[1 - i % 2][1]);

      g_assert_cmpfloat (own, <, other);
      spread = MAX (spread, own);
    }
  g_test_message ("gap between the groups %.2f, largest distance to a centre %.2f", gap, spread);
  g_assert_cmpfloat (gap, >, 2.0 * spread);
}

static void
test_deterministic (void)
{
  guint32 lists[] = { 1, 2, 0, 2, 0, 1, 4, 4, 3, 3 };
  const float start[] = { 0, 0, 1, 0, 0, 1, 3, 3, 4, 2 };
  g_autoptr(LatentGraph) graph = latent_graph_new_agreeing (lists, NULL, 5, 2);
  g_autoptr(LatentEmbedding) a = NULL;
  g_autoptr(LatentEmbedding) b = NULL;
  LatentEmbeddingParams params;

  latent_embedding_params_init_default (&params);
  a = latent_embedding_new (graph, start, 2, &params, 9);
  b = latent_embedding_new (graph, start, 2, &params, 9);
  for (guint e = 0; e < 20; e++)
    {
      latent_embedding_run_epoch (a, e, 20);
      latent_embedding_run_epoch (b, e, 20);
    }
  g_assert_cmpmem (latent_embedding_peek_positions (a), 10 * sizeof (float),
                   latent_embedding_peek_positions (b), 10 * sizeof (float));
}

/* The grouping loss's gradient against central differences, for codes of 5
 * dimensions on a tilted plane, one row without a place. */
static void
test_code_loss_gradient (void)
{
  const gsize batch = 4, dim = 5, n_positions = 3;
  const guint32 rows[] = { 2, 0, 7, 1 };
  const float positions[] = { 1.0f, -2.0f, 0.5f, 0.25f, -3.0f, 4.0f };
  float latent[4 * 5], d_latent[4 * 5], scratch[4 * 5];
  LatentPca plane = { 0 };
  float mean[5] = { 0.1f, -0.2f, 0.3f, 0.0f, 0.5f };
  float axes[10];
  const float scale = 2.5f, weight = 3.0f;
  LatentRng rng;
  double worst = 0.0;

  /* Two orthonormal axes. */
  latent_rng_init (&rng, 11);
  for (gsize j = 0; j < 10; j++)
    axes[j] = latent_rng_normal (&rng);
  {
    double n0 = 0, dot = 0, n1 = 0;

    for (gsize j = 0; j < dim; j++)
      n0 += axes[j] * axes[j];
    for (gsize j = 0; j < dim; j++)
      axes[j] /= sqrt (n0);
    for (gsize j = 0; j < dim; j++)
      dot += axes[j] * axes[dim + j];
    for (gsize j = 0; j < dim; j++)
      axes[dim + j] -= dot * axes[j];
    for (gsize j = 0; j < dim; j++)
      n1 += axes[dim + j] * axes[dim + j];
    for (gsize j = 0; j < dim; j++)
      axes[dim + j] /= sqrt (n1);
  }
  plane.dim = dim;
  plane.mean = mean;
  plane.axes = axes;

  for (gsize i = 0; i < batch * dim; i++)
    latent[i] = latent_rng_normal (&rng);
  latent_embedding_code_loss (d_latent, latent, batch, dim, &plane, scale, positions, rows,
                              n_positions, weight);

  for (gsize i = 0; i < batch * dim; i++)
    {
      const float h = 1e-2f;
      float saved = latent[i], up, down;
      double numeric;

      latent[i] = saved + h;
      up = latent_embedding_code_loss (scratch, latent, batch, dim, &plane, scale, positions,
                                       rows, n_positions, weight);
      latent[i] = saved - h;
      down = latent_embedding_code_loss (scratch, latent, batch, dim, &plane, scale, positions,
                                         rows, n_positions, weight);
      latent[i] = saved;
      numeric = (up - down) / (2.0 * h);
      worst = MAX (worst, fabs (numeric - d_latent[i]));
    }
  g_test_message ("largest difference from central differences: %g", worst);
  g_assert_cmpfloat (worst, <, 1e-3);
  /* The row with no place gets no gradient. */
  for (gsize j = 0; j < dim; j++)
    g_assert_cmpfloat (d_latent[2 * dim + j], ==, 0.0f);
  /* Directions off the plane get none either. */
  {
    for (gsize i = 0; i < batch; i++)
      {
        double residual = 0.0;
        double c0 = 0, c1 = 0;

        for (gsize j = 0; j < dim; j++)
          {
            c0 += d_latent[i * dim + j] * axes[j];
            c1 += d_latent[i * dim + j] * axes[dim + j];
          }
        for (gsize j = 0; j < dim; j++)
          residual = MAX (residual, fabs (d_latent[i * dim + j] - c0 * axes[j]
                                          - c1 * axes[dim + j]));
        g_assert_cmpfloat (residual, <, 1e-5);
      }
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/embedding/pair/gradient", test_pair_gradient);
  g_test_add_func ("/embedding/step/follows-gradient", test_step_follows_gradient);
  g_test_add_func ("/embedding/separates-groups", test_separates_groups);
  g_test_add_func ("/embedding/deterministic", test_deterministic);
  g_test_add_func ("/embedding/code-loss/gradient", test_code_loss_gradient);

  return g_test_run ();
}
