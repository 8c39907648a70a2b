/* latent-lock.h — GMutex, GCond and hand-offs that ThreadSanitizer can see
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLib's GMutex and GCond are built on futexes inside libglib, which is not
 * instrumented, so ThreadSanitizer sees neither the lock nor the wait: every
 * access made under a lock would be reported as a race. The same holds for
 * anything handed from one thread to another through GLib's own locks (a
 * GTask's result, an idle source) and for g_atomic_ref_count_dec(), a
 * function in libglib. In a -fsanitize=thread build these wrappers tell
 * ThreadSanitizer what the lock or hand-off means; in any other build they
 * are the plain GLib calls.
 */
#pragma once

#include <glib.h>

#if defined(__SANITIZE_THREAD__)
# define LATENT_TSAN 1
#elif defined(__has_feature)
# if __has_feature(thread_sanitizer)
#  define LATENT_TSAN 1
# endif
#endif

#ifdef LATENT_TSAN
# include <sanitizer/tsan_interface.h>
#endif

G_BEGIN_DECLS

/* What one thread wrote before latent_tsan_release (addr) happens before what
 * another reads after latent_tsan_acquire (addr): for hand-offs through a
 * GLib lock that ThreadSanitizer cannot see. */
static inline void
latent_tsan_release (const void *addr)
{
#ifdef LATENT_TSAN
  __tsan_release ((void *) addr);
#else
  (void) addr;
#endif
}

static inline void
latent_tsan_acquire (const void *addr)
{
#ifdef LATENT_TSAN
  __tsan_acquire ((void *) addr);
#else
  (void) addr;
#endif
}

static inline void
latent_lock (GMutex *mutex)
{
  g_mutex_lock (mutex);
  latent_tsan_acquire (mutex);
}

static inline void
latent_unlock (GMutex *mutex)
{
  latent_tsan_release (mutex);
  g_mutex_unlock (mutex);
}

/* The wait gives the mutex up and takes it back. */
static inline void
latent_cond_wait (GCond  *cond,
                  GMutex *mutex)
{
  latent_tsan_release (mutex);
  g_cond_wait (cond, mutex);
  latent_tsan_acquire (mutex);
}

/* g_atomic_ref_count_dec() for a reference count that guards memory freed
 * at zero: each owner's last writes happen before the free. */
static inline gboolean
latent_ref_count_dec (gatomicrefcount *ref_count)
{
  latent_tsan_release (ref_count);
  if (!g_atomic_ref_count_dec (ref_count))
    return FALSE;
  latent_tsan_acquire (ref_count);
  return TRUE;
}

G_END_DECLS
