/* latent-blas.c — OpenBLAS's thread count and build configuration
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cblas.h>
#include <pthread.h>

#include "latent-blas.h"
#include "latent-lock.h"

/* OpenBLAS's cblas.h declares openblas_set_num_threads() and its kin. */

void
latent_blas_set_threads (guint threads)
{
  if (threads == 0)
    threads = latent_blas_get_n_cores ();
#ifdef LATENT_TSAN
  /* OpenBLAS's pool is not instrumented and hands work to its threads by
   * spinning: ThreadSanitizer would see only their memset of our output
   * and call it a race. One thread keeps it out of the race check. */
  threads = 1;
#endif
  openblas_set_num_threads ((int) MIN (threads, 1024));
}

guint
latent_blas_get_threads (void)
{
  return (guint) MAX (openblas_get_num_threads (), 1);
}

guint
latent_blas_get_n_cores (void)
{
  return MAX (g_get_num_processors (), 1);
}

const char *
latent_blas_get_config (void)
{
  static gsize initialised;
  static char *config;

  if (g_once_init_enter (&initialised))
    {
      config = g_strdup_printf ("%s (%s)", openblas_get_config (), openblas_get_corename ());
      g_once_init_leave (&initialised, 1);
    }
  return config;
}

/* Readers are the threads doing BLAS work, the writer a fork() waiting for
 * them. Writers first: a trainer that begins a minibatch after another
 * would starve the fork. Which is also why the lock does not nest: depth
 * counts a thread's own nesting, and only its outermost begin locks. */
static pthread_rwlock_t fork_lock;
static __thread guint blas_depth;

static void
init_fork_lock (void)
{
  pthread_rwlockattr_t attr;

  pthread_rwlockattr_init (&attr);
  pthread_rwlockattr_setkind_np (&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
  pthread_rwlock_init (&fork_lock, &attr);
  pthread_rwlockattr_destroy (&attr);
}

static void
before_fork (void)
{
  pthread_rwlock_wrlock (&fork_lock);
}

static void
after_fork_in_parent (void)
{
  pthread_rwlock_unlock (&fork_lock);
}

/* Not an unlock: glibc takes an unlock by a thread other than the writer
 * it recorded (the child's thread has another id) for a reader's, and the
 * lock would stay taken. The child has one thread, in no section. */
static void
after_fork_in_child (void)
{
  init_fork_lock ();
  blas_depth = 0;
}

/* Before main(), so before any thread can begin: a handler registered while
 * a fork is under way would not run for that fork. Constructors of the
 * program run after those of the libraries it links, OpenBLAS's among them,
 * and handlers registered later run first before a fork: this one waits for
 * our threads before OpenBLAS shuts its pool down. */
__attribute__ ((constructor)) static void
install_fork_guard (void)
{
  init_fork_lock ();
  pthread_atfork (before_fork, after_fork_in_parent, after_fork_in_child);
}

void
latent_blas_begin (void)
{
  if (blas_depth++ == 0)
    pthread_rwlock_rdlock (&fork_lock);
}

void
latent_blas_end (void)
{
  g_return_if_fail (blas_depth > 0);

  if (--blas_depth == 0)
    pthread_rwlock_unlock (&fork_lock);
}
