/* test-blas.c — OpenBLAS's set-up and its guard against fork()
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cblas.h>
#include <sys/wait.h>
#include <unistd.h>

#include "latent-blas.h"

#define SIDE 256

typedef struct
{
  gint stop;
  gint products;   /* how many the worker has finished */
} Busy;

/* Products on OpenBLAS's thread pool, one after another, as the trainer's
 * minibatches are. */
static gpointer
multiply_until_stopped (gpointer data)
{
  Busy *busy = data;
  g_autofree float *a = g_new (float, SIDE * SIDE);
  g_autofree float *c = g_new0 (float, SIDE * SIDE);

  for (gsize i = 0; i < SIDE * SIDE; i++)
    a[i] = (float) (i % 7) / 7.0f;
  while (!g_atomic_int_get (&busy->stop))
    {
      latent_blas_begin ();
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, SIDE, SIDE, SIDE, 1.0f, a, SIDE,
                   a, SIDE, 0.0f, c, SIDE);
      latent_blas_end ();
      g_atomic_int_inc (&busy->products);
    }
  return NULL;
}

static gint
products_done (Busy *busy)
{
  return g_atomic_int_get (&busy->products);
}

/* A process that forks while another thread multiplies: OpenBLAS shuts its
 * pool down before each fork, and without the guard the multiplying thread
 * waits for the pool for ever from the first fork on (measured with 0.3.21).
 * With it, the fork waits for the product under way, the thread goes on
 * after every fork, and the child can use BLAS too. */
static void
test_fork_while_busy (void)
{
  Busy busy = { 0 };
  GThread *thread;

  latent_blas_set_threads (2);
  thread = g_thread_new ("busy", multiply_until_stopped, &busy);
  for (int i = 0; i < 20; i++)
    {
      gint before;
      gint64 deadline;
      int status = 0;
      pid_t pid = fork ();

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          float x[4] = { 1, 2, 3, 4 };

          _exit (cblas_sdot (4, x, 1, x, 1) == 30.0f ? 0 : 1);
        }
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);

      /* A product takes milliseconds; a minute allows for a machine that
       * is very busy. Stuck, the count never moves. */
      before = products_done (&busy);
      deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
      while (products_done (&busy) < before + 2 && g_get_monotonic_time () < deadline)
        g_usleep (1000);
      if (products_done (&busy) < before + 2)
        g_error ("the multiplying thread stopped after fork %d", i);
    }
  g_atomic_int_set (&busy.stop, 1);
  g_thread_join (thread);
}

static gpointer
fork_and_wait (gpointer data)
{
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    _exit (0);
  if (pid < 0 || waitpid (pid, &status, 0) != pid || !WIFEXITED (status))
    return GINT_TO_POINTER (FALSE);
  return GINT_TO_POINTER (TRUE);
}

/* Begin and end nest on one thread. A fork waiting for this thread's
 * section makes a second read lock wait behind it (writers first), so a
 * nested begin that locked again would never return; the alarm ends the
 * child then. */
static void
test_begin_end_nest (void)
{
  if (g_test_subprocess ())
    {
      GThread *forker;

      alarm (30);
      latent_blas_begin ();
      forker = g_thread_new ("forker", fork_and_wait, NULL);
      /* Time for the fork to start waiting for this section. */
      g_usleep (300000);
      latent_blas_begin ();
      latent_blas_end ();
      latent_blas_end ();
      g_assert_true (GPOINTER_TO_INT (g_thread_join (forker)));
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A child that does not exec can begin and end, and fork in turn. */
static void
test_child_can_begin (void)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      alarm (30);
      latent_blas_begin ();
      latent_blas_end ();
      _exit (GPOINTER_TO_INT (fork_and_wait (NULL)) ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
test_threads (void)
{
  latent_blas_set_threads (1);
  g_assert_cmpuint (latent_blas_get_threads (), ==, 1);
  g_assert_cmpuint (latent_blas_get_n_cores (), >=, 1);
  g_assert_nonnull (strstr (latent_blas_get_config (), "OpenBLAS"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/blas/threads", test_threads);
  g_test_add_func ("/blas/fork-while-busy", test_fork_while_busy);
  g_test_add_func ("/blas/begin-end-nest", test_begin_end_nest);
  g_test_add_func ("/blas/child-can-begin", test_child_can_begin);

  return g_test_run ();
}
