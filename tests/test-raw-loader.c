/* test-raw-loader.c — the raw-data view computed off the main thread
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader must deliver on the main context, skip a view it has, drop a
 * cancelled one without waiting for it, and let no thread outlive the
 * program (one inside OpenBLAS at exit would meet OpenBLAS shutting down).
 */
#include "config.h"

#include <stdlib.h>

#include "latent-raw-loader.h"
#include "latent-test-util.h"

/* n × dim values in three blobs, so that k-means has groups to find. */
static LatentDataset *
make_dataset (gsize n,
              gsize dim)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  float *values = g_new (float, n * dim);

  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < dim; j++)
      values[i * dim + j] = (float) ((i % 3 == j % 3 ? 4.0 : 0.0) + g_rand_double (rand));
  return latent_dataset_new_floats ("blobs", values, n, dim, NULL);
}

static LatentSettings
make_settings (gsize n)
{
  LatentSettings settings;

  latent_settings_init_default (&settings);
  settings.k = 3;
  settings.max_points = n;
  return settings;
}

typedef struct
{
  guint          n_ready;
  guint          n_failed;
  gsize          n_points;
} Seen;

static void
on_ready (LatentRawLoader     *loader,
          const LatentRawView *view,
          Seen                *seen)
{
  seen->n_ready++;
  seen->n_points = view->n_points;
}

static void
on_failed (LatentRawLoader *loader,
           const GError    *error,
           Seen            *seen)
{
  seen->n_failed++;
}

static LatentRawLoader *
make_loader (Seen *seen)
{
  LatentRawLoader *loader = latent_raw_loader_new ();

  g_signal_connect (loader, "ready", G_CALLBACK (on_ready), seen);
  g_signal_connect (loader, "failed", G_CALLBACK (on_failed), seen);
  return loader;
}

static gboolean
has_delivered (gpointer      loader,
               gconstpointer data)
{
  const Seen *seen = data;

  return seen->n_ready + seen->n_failed > 0;
}

static gboolean
is_freed (gpointer      pointer_to_loader,
          gconstpointer data)
{
  return *(gpointer *) pointer_to_loader == NULL;
}

/* A view is delivered once, on this thread; the same request again costs
 * nothing, and another dataset is computed anew. */
static void
test_delivers_once_per_key (void)
{
  g_autoptr(LatentDataset) dataset = make_dataset (300, 12);
  g_autoptr(LatentDataset) other = make_dataset (200, 12);
  LatentSettings settings = make_settings (300);
  Seen seen = { 0 };
  g_autoptr(LatentRawLoader) loader = make_loader (&seen);

  latent_raw_loader_request (loader, dataset, &settings);
  g_assert_true (latent_raw_loader_is_busy (loader));
  g_assert_cmpuint (seen.n_ready, ==, 0);
  latent_test_wait_for (loader, has_delivered, &seen, 60, "the raw view");
  g_assert_cmpuint (seen.n_ready, ==, 1);
  g_assert_cmpuint (seen.n_failed, ==, 0);
  g_assert_cmpuint (seen.n_points, ==, 300);
  g_assert_false (latent_raw_loader_is_busy (loader));

  latent_raw_loader_request (loader, dataset, &settings);
  g_assert_false (latent_raw_loader_is_busy (loader));

  seen = (Seen) { 0 };
  latent_raw_loader_request (loader, other, &settings);
  g_assert_true (latent_raw_loader_is_busy (loader));
  latent_test_wait_for (loader, has_delivered, &seen, 60, "the other raw view");
  g_assert_cmpuint (seen.n_points, ==, 200);
}

/* Dropped mid-computation (as when its window closes), the loader returns at
 * once: the job keeps it until its thread ends, and nothing is emitted. */
static void
test_dropped_while_computing (void)
{
  g_autoptr(LatentDataset) dataset = make_dataset (2000, 300);
  LatentSettings settings = make_settings (2000);
  Seen seen = { 0 };
  LatentRawLoader *loader = make_loader (&seen);

  g_object_add_weak_pointer (G_OBJECT (loader), (gpointer *) &loader);
  latent_raw_loader_request (loader, dataset, &settings);
  latent_raw_loader_cancel (loader);
  g_assert_false (latent_raw_loader_is_busy (loader));
  g_object_unref (loader);
  /* The delivery, which lets go of it, can only run on this main context,
   * which has not run since. */
  g_assert_nonnull (loader);

  latent_test_wait_for (&loader, is_freed, NULL, 120, "the loader to be freed");
  g_assert_cmpuint (seen.n_ready, ==, 0);
  g_assert_cmpuint (seen.n_failed, ==, 0);
}

/* A new request cancels the one under way: only the second is delivered. */
static void
test_new_request_replaces (void)
{
  g_autoptr(LatentDataset) first = make_dataset (2000, 300);
  g_autoptr(LatentDataset) second = make_dataset (400, 12);
  LatentSettings settings = make_settings (2000);
  Seen seen = { 0 };
  g_autoptr(LatentRawLoader) loader = make_loader (&seen);
  LatentRawLoader *weak = loader;

  latent_raw_loader_request (loader, first, &settings);
  latent_raw_loader_request (loader, second, &settings);
  latent_test_wait_for (loader, has_delivered, &seen, 120, "the second raw view");
  g_assert_cmpuint (seen.n_points, ==, 400);

  /* The first job's delivery is dropped too, whenever its thread ends. */
  g_object_add_weak_pointer (G_OBJECT (loader), (gpointer *) &weak);
  g_clear_object (&loader);
  latent_test_wait_for (&weak, is_freed, NULL, 120, "the loader to be freed");
  g_assert_cmpuint (seen.n_ready, ==, 1);
}

/* The program ends while a computation runs: the thread is joined before
 * OpenBLAS cleans up. The child's own exit handler, registered before the
 * loader's and so run after it, finds the thread ended: its delivery is
 * waiting, and dispatching it frees the loader. */
static LatentRawLoader *exiting_loader;

static void
check_thread_ended (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  _exit (exiting_loader == NULL ? 0 : 3);
}

static void
test_exit_while_computing (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(LatentDataset) dataset = make_dataset (3000, 400);
      LatentSettings settings = make_settings (3000);

      atexit (check_thread_ended);
      exiting_loader = latent_raw_loader_new ();
      g_object_add_weak_pointer (G_OBJECT (exiting_loader), (gpointer *) &exiting_loader);
      /* Not cancelled: the thread is inside PCA and k-means at exit. */
      latent_raw_loader_request (exiting_loader, dataset, &settings);
      g_object_unref (exiting_loader);
      exit (0);
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/raw-loader/delivers-once-per-key", test_delivers_once_per_key);
  g_test_add_func ("/raw-loader/dropped-while-computing", test_dropped_while_computing);
  g_test_add_func ("/raw-loader/new-request-replaces", test_new_request_replaces);
  g_test_add_func ("/raw-loader/exit-while-computing", test_exit_while_computing);

  return g_test_run ();
}
