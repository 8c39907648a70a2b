/* latent-frame-cost.h — what a frame costs the main thread, for pacing animations
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The training threads and the main thread share the same cores, so every
 * frame an animation asks for is taken from training. A frame's cost varies
 * by two orders of magnitude: a GPU renderer repaints a plot in a fraction of
 * a millisecond, GTK's Cairo renderer on a software X server takes several.
 * LatentFrameCost measures it — the main thread's CPU time from a frame
 * clock's "before-paint" to its "after-paint", averaged over the frames an
 * animation marked as its own — and turns a share of one core into the
 * shortest interval between such frames. It sees only the main thread:
 * work a frame leaves to other threads or processes (a software GL
 * renderer's threads, the X server's copying) is not in the measure, so
 * there the real cost is higher than the share says.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  GdkFrameClock *clock;
  gulong         before_paint_id;
  gulong         after_paint_id;
  gint64         frame_start;  /* thread CPU µs at before-paint, or −1 */
  gboolean       marked;       /* this frame draws the animation */
  double         cost;         /* µs, running mean; 0 before the first */
} LatentFrameCost;

/* Starts (or, with clock NULL, stops) measuring the frames of clock. */
void   latent_frame_cost_attach   (LatentFrameCost *self,
                                   GdkFrameClock   *clock);
/* Counts the frame being painted now as the animation's. */
void   latent_frame_cost_mark     (LatentFrameCost *self);
/* One measured frame of cost_us into the running mean. */
void   latent_frame_cost_add      (LatentFrameCost *self,
                                   gint64           cost_us);
/* The shortest time between animation frames, in µs, for them to take at
 * most share of one core: cost / share, kept within [min_us, max_us]
 * (min_us before anything was measured). */
gint64 latent_frame_cost_interval (const LatentFrameCost *self,
                                   double                 share,
                                   gint64                 min_us,
                                   gint64                 max_us);

/* The calling thread's CPU time so far, in µs (−1 if unknown). */
gint64 latent_thread_cpu_usec     (void);

G_END_DECLS
