/* bench-grouping.c — what each step of the method adds to the clusters
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-grouping [SEEDS]   (default "1,2,3")
 *
 * For the bundled digits and for generated long clouds, thin and thick (see
 * make_long_clouds), and for each seed:
 *   - k-means on the raw inputs (ten k-means++ restarts);
 *   - the plain autoencoder (the default run without the grouping phase)
 *     and k-means on its codes, as the app clusters them in that phase;
 *   - the default run: reconstruction, then grouping; the codes' plane
 *     clustered by k-means alone, and by the Gaussian mixture the app uses.
 * Each with ACC, NMI and seconds, and the plane's silhouette by cluster at
 * the end of the reconstruction phase and at the end of the run. Times are
 * wall-clock on a shared machine: beside them, the training GFLOP/s of a
 * short plain run made first shows whether the host was slow.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "latent-blas.h"
#include "latent-kmeans.h"
#include "latent-metrics.h"
#include "latent-rng.h"
#include "latent-session.h"

typedef struct
{
  double acc, nmi, seconds;
} Score;

static double
now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

static Score
kmeans_score (const float  *x,
              gsize         n,
              gsize         dim,
              guint         k,
              const gint32 *labels,
              guint64       seed)
{
  LatentKmeansParams params = { .k = k, .n_init = 10, .max_iter = 300, .tolerance = 1e-4,
                                .seed = seed };
  g_autofree guint32 *clusters = g_new (guint32, n);
  g_autoptr(LatentKmeans) kmeans = NULL;
  double start = now ();
  Score score;

  kmeans = latent_kmeans_fit (x, n, dim, NULL, &params, clusters, NULL);
  g_assert (kmeans != NULL);
  score.seconds = now () - start;
  score.acc = latent_metrics_accuracy (labels, clusters, n);
  score.nmi = latent_metrics_nmi (labels, clusters, n);
  return score;
}

/* Six long clouds in 50 dimensions: each a Gaussian stretched along a
 * random direction (standard deviation 3 along it, `across` across), their
 * centres about 3 apart. k-means, which looks for round groups of one size,
 * cuts the long clouds across and joins their ends to their neighbours.
 * They are still apart: a linear classifier tells them apart without a
 * mistake, and each point's nearest neighbours (in the first 50 principal
 * components) are of its own cloud, all of them at 0.05 across and all but
 * 1 in 45,000 at 0.3. */
static LatentDataset *
make_long_clouds (const char *name,
                  double      across)
{
  const gsize n_clouds = 6, per_cloud = 500, dim = 50, n = n_clouds * per_cloud;
  float *values = g_new (float, n * dim);
  gint32 *labels = g_new (gint32, n);
  LatentRng rng;

  latent_rng_init (&rng, 2026);
  for (gsize c = 0; c < n_clouds; c++)
    {
      double axis[50], centre[50], na = 0, nc = 0;

      for (gsize j = 0; j < dim; j++)
        {
          axis[j] = latent_rng_normal (&rng);
          centre[j] = latent_rng_normal (&rng);
        }
      for (gsize j = 0; j < dim; j++)
        {
          na += axis[j] * axis[j];
          nc += centre[j] * centre[j];
        }
      for (gsize p = 0; p < per_cloud; p++)
        {
          gsize i = p * n_clouds + c;   /* interleaved, so any prefix has every cloud */
          double t = 3.0 * latent_rng_normal (&rng);

          labels[i] = c;
          for (gsize j = 0; j < dim; j++)
            values[i * dim + j] = 2.2 * centre[j] / sqrt (nc) + t * axis[j] / sqrt (na)
                                  + across * latent_rng_normal (&rng);
        }
    }
  return latent_dataset_new_floats (name, values, n, dim, labels);
}

static double
plane_silhouette (LatentSnapshot *s)
{
  return latent_metrics_silhouette (s->xy, s->n_points, 2, s->clusters, s->kmeans->k);
}

static void
bench_dataset (LatentDataset *dataset,
               const char    *name,
               guint          k,
               guint64       *seeds,
               guint          n_seeds)
{
  gsize n = latent_dataset_get_n_samples (dataset), dim = latent_dataset_get_dim (dataset);
  const gint32 *labels = latent_dataset_get_labels (dataset);
  g_autofree float *x = g_new (float, n * dim);

  latent_dataset_get_range (dataset, x, 0, n);
  printf ("\n%s: %" G_GSIZE_FORMAT " samples of %" G_GSIZE_FORMAT " values, k = %u\n",
          name, n, dim, k);
  printf ("%-6s %-44s %6s %6s %8s %s\n", "seed", "method", "ACC", "NMI", "seconds", "silhouette");

  for (guint si = 0; si < n_seeds; si++)
    {
      guint64 seed = seeds[si];
      LatentSettings settings;
      LatentSession *session;
      LatentSnapshot *plain_end, *phase_end, *end;
      Score raw, plain, grouped, plane_kmeans;
      double start, ae_silhouette;

      raw = kmeans_score (x, n, dim, k, labels, seed);
      printf ("%-6" G_GUINT64_FORMAT " %-44s %6.3f %6.3f %8.1f\n", seed, "k-means on the inputs",
              raw.acc, raw.nmi, raw.seconds);

      /* The plain autoencoder, for as many epochs as the whole default run. */
      latent_settings_init_default (&settings);
      settings.seed = seed;
      settings.k = k;
      settings.grouping_epochs = 0;
      start = now ();
      session = latent_session_new (dataset, &settings, NULL);
      g_assert (session != NULL);
      for (guint e = 0; e < settings.epochs; e++)
        latent_session_train_epoch (session, NULL);
      plain_end = latent_session_make_snapshot_with_restarts (session, 10);
      plain.seconds = now () - start;
      plain.acc = plain_end->acc;
      plain.nmi = plain_end->nmi;
      printf ("%-6" G_GUINT64_FORMAT " %-44s %6.3f %6.3f %8.1f %.3f\n", seed,
              "autoencoder, k-means on its codes", plain.acc, plain.nmi, plain.seconds,
              plane_silhouette (plain_end));
      latent_snapshot_unref (plain_end);
      latent_session_free (session);

      /* The default run: reconstruction, then grouping. */
      latent_settings_init_default (&settings);
      settings.seed = seed;
      settings.k = k;
      start = now ();
      session = latent_session_new (dataset, &settings, NULL);
      g_assert (session != NULL);
      for (guint e = 0; e < settings.reconstruction_epochs; e++)
        latent_session_train_epoch (session, NULL);
      phase_end = latent_session_make_snapshot_with_restarts (session, 10);
      ae_silhouette = plane_silhouette (phase_end);
      for (guint e = settings.reconstruction_epochs; e < settings.epochs; e++)
        latent_session_train_epoch (session, NULL);
      end = latent_session_make_snapshot_with_restarts (session, 10);
      grouped.seconds = now () - start;
      grouped.acc = end->acc;
      grouped.nmi = end->nmi;
      plane_kmeans = kmeans_score (end->xy, end->n_points, 2, k, labels, seed);
      printf ("%-6" G_GUINT64_FORMAT " %-44s %6.3f %6.3f %8.1f %.3f (after reconstruction)\n",
              seed, "reconstruction phase's end, its clusters", phase_end->acc, phase_end->nmi,
              0.0, ae_silhouette);
      printf ("%-6" G_GUINT64_FORMAT " %-44s %6.3f %6.3f %8.1f\n", seed,
              "+ grouping, k-means on the plane", plane_kmeans.acc, plane_kmeans.nmi,
              plane_kmeans.seconds);
      printf ("%-6" G_GUINT64_FORMAT " %-44s %6.3f %6.3f %8.1f %.3f (end of run)\n", seed,
              "+ grouping, Gaussian mixture (the default)", grouped.acc, grouped.nmi,
              grouped.seconds, plane_silhouette (end));
      latent_snapshot_unref (phase_end);
      latent_snapshot_unref (end);
      latent_session_free (session);
    }
}

/* The training GFLOP/s of a short plain run: how fast the host is now. */
static double
host_gflops (LatentDataset *dataset)
{
  LatentSettings settings;
  LatentSession *session;
  double gflops;

  latent_settings_init_default (&settings);
  settings.grouping_epochs = 0;
  session = latent_session_new (dataset, &settings, NULL);
  for (guint e = 0; e < 2; e++)
    latent_session_train_epoch (session, NULL);
  gflops = latent_session_get_flops (session) / latent_session_get_training_seconds (session) * 1e-9;
  latent_session_free (session);
  return gflops;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LatentDataset) digits = NULL;
  g_autoptr(LatentDataset) clouds = NULL;
  g_autoptr(LatentDataset) thick_clouds = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = g_strsplit (argc > 1 ? argv[1] : "1,2,3", ",", -1);
  guint64 seeds[16];
  guint n_seeds = 0;

  for (guint i = 0; fields[i] != NULL && n_seeds < G_N_ELEMENTS (seeds); i++)
    seeds[n_seeds++] = g_ascii_strtoull (fields[i], NULL, 10);

  latent_blas_set_threads (0);
  digits = latent_dataset_load_bundled (&error);
  g_assert_no_error (error);
  clouds = make_long_clouds ("long clouds", 0.05);
  /* Thicker across: the plain autoencoder's codes no longer keep them
   * apart, the neighbours still do. */
  thick_clouds = make_long_clouds ("thick long clouds", 0.3);

  printf ("host: %.1f training GFLOP/s in a short plain run (784-512-256-10, 2 epochs)\n",
          host_gflops (digits));
  bench_dataset (digits, "bundled digits", 10, seeds, n_seeds);
  bench_dataset (clouds, "long clouds (generated)", 6, seeds, n_seeds);
  bench_dataset (thick_clouds, "thick long clouds (generated, 0.3 across)", 6, seeds, n_seeds);
  printf ("\nhost: %.1f training GFLOP/s at the end\n", host_gflops (digits));
  return 0;
}
