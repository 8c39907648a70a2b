/* latent-frame-cost.c — what a frame costs the main thread, for pacing animations
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <time.h>

#include "latent-frame-cost.h"

/* Weight of the newest frame in the running mean: a few frames follow a
 * change of window size or renderer, one slow frame does not stall a glide. */
#define NEWEST_WEIGHT 0.25
/* A frame that took longer than this was not the animation's doing (the
 * first frame after mapping builds every widget's nodes). */
#define MAX_SAMPLE_US 50000

/* GLib has no per-thread CPU clock; POSIX has. */
gint64
latent_thread_cpu_usec (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return -1;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
before_paint_cb (GdkFrameClock   *clock,
                 LatentFrameCost *self)
{
  self->frame_start = latent_thread_cpu_usec ();
  self->marked = FALSE;
}

static void
after_paint_cb (GdkFrameClock   *clock,
                LatentFrameCost *self)
{
  gint64 end = latent_thread_cpu_usec ();

  if (self->marked && self->frame_start >= 0 && end >= self->frame_start)
    latent_frame_cost_add (self, end - self->frame_start);
  self->frame_start = -1;
  self->marked = FALSE;
}

void
latent_frame_cost_attach (LatentFrameCost *self,
                          GdkFrameClock   *clock)
{
  g_return_if_fail (self != NULL);

  if (self->clock == clock)
    return;
  if (self->clock != NULL)
    {
      g_clear_signal_handler (&self->before_paint_id, self->clock);
      g_clear_signal_handler (&self->after_paint_id, self->clock);
      g_clear_object (&self->clock);
    }
  self->frame_start = -1;
  self->marked = FALSE;
  if (clock == NULL)
    return;

  self->clock = g_object_ref (clock);
  self->before_paint_id = g_signal_connect (clock, "before-paint",
                                            G_CALLBACK (before_paint_cb), self);
  /* After GTK's own handlers, so the frame's rendering is inside. */
  self->after_paint_id = g_signal_connect_after (clock, "after-paint",
                                                 G_CALLBACK (after_paint_cb), self);
}

void
latent_frame_cost_mark (LatentFrameCost *self)
{
  g_return_if_fail (self != NULL);
  self->marked = TRUE;
}

void
latent_frame_cost_add (LatentFrameCost *self,
                       gint64           cost_us)
{
  double sample;

  g_return_if_fail (self != NULL);

  sample = CLAMP (cost_us, 0, MAX_SAMPLE_US);
  if (self->cost <= 0.0)
    self->cost = sample;
  else
    self->cost += NEWEST_WEIGHT * (sample - self->cost);
}

gint64
latent_frame_cost_interval (const LatentFrameCost *self,
                            double                 share,
                            gint64                 min_us,
                            gint64                 max_us)
{
  double interval;

  g_return_val_if_fail (self != NULL, min_us);
  g_return_val_if_fail (share > 0.0 && min_us <= max_us, min_us);

  interval = self->cost / share;
  return (gint64) CLAMP (interval, (double) min_us, (double) max_us);
}
