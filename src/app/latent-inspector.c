/* latent-inspector.c — a closer look at one dot, one place of the plane, or the way between two dots
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is one small batch through the snapshot's model (at most
 * LATENT_INSPECTOR_N_STEPS rows), cheap enough to redo on every pointer
 * motion and every snapshot on the main thread.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "latent-digit-view.h"
#include "latent-inspector.h"
#include "latent-palette.h"

/* Images and feature strips are shown about this many pixels wide. */
#define IMAGE_SIZE 84
#define STEP_SIZE  56
/* Feature vectors up to this long show as one strip, longer ones as a grid. */
#define MAX_STRIP  32

struct _LatentInspector
{
  GtkWidget            parent_instance;

  /* template children */
  GtkLabel            *title_label;
  GtkStack            *stack;
  LatentDigitView     *sample_view;
  LatentDigitView     *reconstruction_view;
  GtkLabel            *sample_details;
  LatentDigitView     *generated_view;
  GtkLabel            *place_details;
  GtkBox              *strip_box;
  GtkLabel            *pair_first_label;
  GtkLabel            *pair_second_label;
  GtkLabel            *hint_label;

  LatentDigitView     *step_views[LATENT_INSPECTOR_N_STEPS];

  LatentSnapshot      *snapshot;
  const LatentRawView *raw;      /* the raw-data view shown, or NULL (the window's) */
  gboolean             presentation;
  LatentInspectorMode  mode;
  gsize                first;        /* SAMPLE: the sample; PAIR: its first end */
  gsize                second;       /* PAIR: its second end */
  double               place_x;      /* PLANE */
  double               place_y;

  /* Results for the snapshot shown: input_dim floats each (steps: N_STEPS rows). */
  gsize                dim;
  float               *sample;
  float               *reconstruction;
  float               *generated;
  float               *steps;
  int                  cluster;
  char                *details;
};

G_DEFINE_FINAL_TYPE (LatentInspector, latent_inspector, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
snapshot_usable (LatentSnapshot *s)
{
  return s != NULL && s->model != NULL && s->pca != NULL && s->dataset != NULL &&
         s->latent != NULL && s->xy != NULL && s->clusters != NULL && s->n_points > 0 &&
         s->latent_dim > 0 && s->pca->dim == s->latent_dim &&
         latent_autoencoder_get_architecture (s->model)->input_dim ==
           latent_dataset_get_dim (s->dataset) &&
         latent_autoencoder_get_architecture (s->model)->latent_dim == s->latent_dim;
}

/* Turns input_dim values into grey levels in [0, 1] and a shape to show them
 * in: images keep theirs; other data become one strip of cells (or a square
 * grid when long), standardised values squashed so that the mean is mid-grey. */
static float *
to_grey (LatentSnapshot *s,
         const float    *values,
         guint          *width,
         guint          *height)
{
  LatentDataset *dataset = s->dataset;
  gsize dim = latent_dataset_get_dim (dataset);
  gboolean unit = latent_dataset_is_unit_range (dataset);
  float *grey;

  if (latent_dataset_get_kind (dataset) == LATENT_DATASET_PIXELS &&
      (gsize) latent_dataset_get_width (dataset) * latent_dataset_get_height (dataset) == dim)
    {
      *width = latent_dataset_get_width (dataset);
      *height = latent_dataset_get_height (dataset);
    }
  else if (dim <= MAX_STRIP)
    {
      *width = (guint) dim;
      *height = 1;
    }
  else
    {
      *width = (guint) ceil (sqrt ((double) dim));
      *height = (guint) ((dim + *width - 1) / *width);
    }

  /* Cells past the last feature stay NaN, which the view leaves blank. */
  grey = g_new (float, (gsize) *width * *height);
  for (gsize i = 0; i < (gsize) *width * *height; i++)
    {
      if (i >= dim)
        grey[i] = NAN;
      else if (unit)
        /* Inputs made of principal components (the raw view) overshoot. */
        grey[i] = CLAMP (values[i], 0.0f, 1.0f);
      else
        grey[i] = 1.0f / (1.0f + expf (-values[i]));
    }
  return grey;
}

static void
show_values (LatentInspector *self,
             LatentDigitView *view,
             const float     *values,
             guint            size)
{
  guint width, height;
  g_autofree float *grey = to_grey (self->snapshot, values, &width, &height);

  latent_digit_view_set_image (view, grey, width, height);
  latent_digit_view_set_natural_scale (view, MAX (1, size / MAX (width, height)));
}

static void
ensure_buffers (LatentInspector *self,
                gsize            dim)
{
  if (self->dim == dim)
    return;
  self->dim = dim;
  g_free (self->sample);
  g_free (self->reconstruction);
  g_free (self->generated);
  g_free (self->steps);
  self->sample = g_new0 (float, dim);
  self->reconstruction = g_new0 (float, dim);
  self->generated = g_new0 (float, dim);
  self->steps = g_new0 (float, LATENT_INSPECTOR_N_STEPS * dim);
}

/* "Label 7", "winking" (a label with a name) or "Sample 1,235", as people
 * read them; NULL without a label when unlabelled is wanted. */
static char *
describe_label (LatentDataset *dataset,
                gsize          index)
{
  const gint32 *labels = latent_dataset_get_labels (dataset);
  const char *name;

  if (labels == NULL || labels[index] == LATENT_NO_LABEL)
    return NULL;
  name = latent_dataset_get_class_name (dataset, labels[index]);
  if (name != NULL)
    return g_strdup (name);
  return g_strdup_printf (_("Label %d"), labels[index]);
}

static char *
describe_sample (LatentSnapshot *s,
                 gsize           index)
{
  char *label = describe_label (s->dataset, index);

  return label != NULL ? label : g_strdup_printf (_("Sample %zu"), index + 1);
}

/* "● Cluster 3" with the dot in the cluster's colour, as on the scatter plot
 * (whose palette is a high-contrast one in presentation mode). */
static char *
cluster_markup (LatentInspector *self,
                guint            cluster,
                const char      *text)
{
  LatentPaletteKind kind = self->presentation ? LATENT_PALETTE_HIGH_CONTRAST
                                              : LATENT_PALETTE_NORMAL;

  return g_markup_printf_escaped ("<span foreground=\"#%06x\">●</span> %s",
                                  latent_palette_get_rgb (kind, cluster), text);
}

/* The cluster of a dot as the plot colours it: the raw view's when it is
 * shown. */
static guint32
cluster_of (LatentInspector *self,
            gsize            index)
{
  if (self->raw != NULL && index < self->raw->n_points)
    return self->raw->clusters[index];
  return self->snapshot->clusters[index];
}

/* The raw cluster whose centroid is nearest to a place of the raw plane. */
static int
nearest_raw_cluster (const LatentRawView *raw,
                     const float         *xy)
{
  int best = -1;
  double best_distance = INFINITY;

  for (guint c = 0; c < raw->k; c++)
    {
      double dx = xy[0] - raw->centroids_xy[c * 2], dy = xy[1] - raw->centroids_xy[c * 2 + 1];

      if (dx * dx + dy * dy < best_distance)
        {
          best_distance = dx * dx + dy * dy;
          best = (int) c;
        }
    }
  return best;
}

static void
update_sample (LatentInspector *self)
{
  LatentSnapshot *s = self->snapshot;
  g_autofree float *code = g_new (float, s->latent_dim);
  g_autofree char *title = NULL;
  g_autofree char *cluster_text = NULL;
  g_autofree char *label_text = NULL;
  g_autofree char *dot = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *a11y = NULL;
  guint32 row = (guint32) self->first;

  /* The reconstruction is the autoencoder's own decode (encode (x)), as the
   * draw panel shows it: decoding the smoothed code of the dot would show
   * its neighbourhood's average instead. */
  latent_dataset_get_rows (s->dataset, self->sample, &row, 1);
  latent_autoencoder_encode (s->model, code, self->sample, 1);
  latent_autoencoder_decode (s->model, self->reconstruction, code, 1);
  self->cluster = (int) cluster_of (self, row);

  /* A sample named in the file (an ID column) goes by its name too. */
  if (latent_dataset_get_sample_name (s->dataset, row) != NULL)
    title = g_strdup_printf (_("Sample %zu · %s"), self->first + 1,
                             latent_dataset_get_sample_name (s->dataset, row));
  else
    title = g_strdup_printf (_("Sample %zu"), self->first + 1);
  cluster_text = g_strdup_printf (_("Cluster %d"), self->cluster + 1);
  label_text = describe_label (s->dataset, row);
  if (label_text == NULL)
    label_text = g_strdup (_("No label"));
  g_free (self->details);
  self->details = g_strdup_printf ("%s · %s", label_text, cluster_text);

  dot = cluster_markup (self, (guint) self->cluster, cluster_text);
  markup = g_markup_printf_escaped ("<span size=\"large\" weight=\"bold\">%s</span>\n",
                                    label_text);
  {
    g_autofree char *full = g_strconcat (markup, dot, NULL);

    gtk_label_set_markup (self->sample_details, full);
  }
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->hint_label,
                      _("Ctrl+click another dot to see the way between the two."));

  show_values (self, self->sample_view, self->sample, IMAGE_SIZE);
  show_values (self, self->reconstruction_view, self->reconstruction, IMAGE_SIZE);
  a11y = g_strdup_printf (_("Sample %zu, %s, in cluster %d"),
                          self->first + 1, label_text, self->cluster + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sample_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_free (a11y);
  a11y = g_strdup_printf (_("Reconstruction of sample %zu by the network"),
                          self->first + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reconstruction_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_stack_set_visible_child_name (self->stack, "sample");
}

static void
update_place (LatentInspector *self)
{
  LatentSnapshot *s = self->snapshot;
  g_autofree float *code = g_new (float, s->latent_dim);
  g_autofree char *where = NULL;
  g_autofree char *dot = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *a11y = NULL;
  float xy[2] = { (float) self->place_x, (float) self->place_y };

  /* In the raw view a place stands for an input: the mean plus the two
   * components, no network involved. */
  if (self->raw != NULL && self->raw->input_dim == self->dim)
    {
      latent_raw_view_unproject (self->raw, self->generated, xy);
      self->cluster = nearest_raw_cluster (self->raw, xy);
    }
  else
    {
      /* Back through the PCA, the other components at the data's mean; the
       * snapshot's decode keeps the code's direction at the encoder's
       * typical length, so places far outside the data still give an
       * image. */
      latent_pca_unproject (s->pca, code, xy, 1);
      latent_snapshot_decode (s, self->generated, code, 1);
      self->cluster = latent_snapshot_nearest_cluster (s, code);
    }

  where = g_strdup_printf ("(%.2f, %.2f)", self->place_x, self->place_y);
  g_free (self->details);
  if (self->cluster >= 0)
    self->details = g_strdup_printf (_("At %s · nearest cluster %d"), where, self->cluster + 1);
  else
    self->details = g_strdup_printf (_("At %s"), where);

  if (self->cluster >= 0)
    {
      g_autofree char *nearest = g_strdup_printf (_("Nearest cluster %d"), self->cluster + 1);
      g_autofree char *first_line = NULL;

      dot = cluster_markup (self, (guint) self->cluster, nearest);
      first_line = g_markup_printf_escaped ("<span font_features=\"tnum\">%s</span>\n", where);
      markup = g_strconcat (first_line, dot, NULL);
    }
  else
    markup = g_markup_printf_escaped ("<span font_features=\"tnum\">%s</span>", where);
  gtk_label_set_markup (self->place_details, markup);
  gtk_label_set_text (self->title_label, _("A Place of the Plane"));
  if (self->raw != NULL)
    gtk_label_set_text (self->hint_label,
                        _("The mean input plus the two principal components at this place. "
                          "Drag to explore."));
  else
    gtk_label_set_text (self->hint_label,
                        _("What the network draws for this code. Drag to explore."));

  show_values (self, self->generated_view, self->generated, IMAGE_SIZE);
  if (self->raw != NULL)
    a11y = g_strdup_printf (_("Input made of the two principal components at %.2f, %.2f"),
                            self->place_x, self->place_y);
  else
    a11y = g_strdup_printf (_("Image the network decodes at %.2f, %.2f of the plane"),
                            self->place_x, self->place_y);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->generated_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_stack_set_visible_child_name (self->stack, "place");
}

/* codes[n × d]: n points from a to b (n ≥ 2), a and b included, on the
 * straight line between them, each scaled to the length interpolated
 * between |a| and |b| (the plain line where a point of it is 0). */
static void
interpolate_codes (float       *codes,
                   const float *a,
                   const float *b,
                   gsize        d,
                   guint        n)
{
  double length_a = 0.0, length_b = 0.0;

  for (gsize c = 0; c < d; c++)
    {
      length_a += (double) a[c] * a[c];
      length_b += (double) b[c] * b[c];
    }
  length_a = sqrt (length_a);
  length_b = sqrt (length_b);

  for (guint j = 0; j < n; j++)
    {
      double t = (double) j / (n - 1), length = 0.0, scale;
      float *z = codes + j * d;

      for (gsize c = 0; c < d; c++)
        {
          z[c] = (float) ((1.0 - t) * a[c] + t * b[c]);
          length += (double) z[c] * z[c];
        }
      length = sqrt (length);
      if (length <= 0.0)
        continue;
      scale = ((1.0 - t) * length_a + t * length_b) / length;
      for (gsize c = 0; c < d; c++)
        z[c] = (float) (z[c] * scale);
    }
}

static void
update_pair (LatentInspector *self)
{
  LatentSnapshot *s = self->snapshot;
  gsize d = s->latent_dim;
  g_autofree float *rows = g_new (float, 2 * self->dim);
  g_autofree float *ends = g_new (float, 2 * d);
  g_autofree float *codes = g_new (float, LATENT_INSPECTOR_N_STEPS * d);
  g_autofree char *first = describe_sample (s, self->first);
  g_autofree char *second = describe_sample (s, self->second);
  g_autofree char *title = NULL;
  guint32 indices[2] = { (guint32) self->first, (guint32) self->second };

  /* Between the encoder's own codes, decoded by the model itself: the strip
   * starts and ends at the two reconstructions the sample view shows (the
   * snapshot's codes are smoothed over neighbours, so their ends would be
   * neighbourhood averages). Each point of the straight line between them is
   * given the length interpolated between the two ends' lengths: codes of
   * different digits point different ways, the middle of the plain line is
   * shorter than either end, and the decoder draws it as a grey blur. On the
   * bundled digits (default network, 4 epochs, 6 pairs) the middle images
   * keep 0.71–1.01 of the ends' ink-weighted darkness this way, against
   * 0.61–1.00 along the plain line and 0.61–1.01 along the snapshot's codes. */
  latent_dataset_get_rows (s->dataset, rows, indices, 2);
  latent_autoencoder_encode (s->model, ends, rows, 2);
  interpolate_codes (codes, ends, ends + d, d, LATENT_INSPECTOR_N_STEPS);
  latent_autoencoder_decode (s->model, self->steps, codes, LATENT_INSPECTOR_N_STEPS);
  self->cluster = -1;

  title = g_strdup_printf (_("From Sample %zu to %zu"),
                           self->first + 1, self->second + 1);
  gtk_label_set_text (self->title_label, title);
  {
    g_autofree char *a = g_strdup_printf ("%s · %s %u", first, _("cluster"),
                                          cluster_of (self, self->first) + 1);
    g_autofree char *b = g_strdup_printf ("%s · %s %u", second, _("cluster"),
                                          cluster_of (self, self->second) + 1);

    gtk_label_set_text (self->pair_first_label, a);
    gtk_label_set_text (self->pair_second_label, b);
    g_free (self->details);
    self->details = g_strdup_printf ("%s → %s", a, b);
  }
  gtk_label_set_text (self->hint_label,
                      _("Decoded along the line between the two codes."));

  for (guint j = 0; j < LATENT_INSPECTOR_N_STEPS; j++)
    {
      g_autofree char *a11y = NULL;

      show_values (self, self->step_views[j], self->steps + j * self->dim, STEP_SIZE);
      a11y = g_strdup_printf (_("Step %u of %u from sample %zu to sample %zu"),
                              j + 1, LATENT_INSPECTOR_N_STEPS, self->first + 1,
                              self->second + 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->step_views[j]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
    }
  gtk_stack_set_visible_child_name (self->stack, "pair");
}

static void
update (LatentInspector *self)
{
  LatentSnapshot *s = self->snapshot;

  if (self->mode != LATENT_INSPECTOR_NONE &&
      (!snapshot_usable (s) ||
       (self->mode != LATENT_INSPECTOR_PLANE && self->first >= s->n_points) ||
       (self->mode == LATENT_INSPECTOR_PAIR && self->second >= s->n_points)))
    self->mode = LATENT_INSPECTOR_NONE;

  if (self->mode == LATENT_INSPECTOR_NONE)
    {
      self->cluster = -1;
      g_clear_pointer (&self->details, g_free);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  ensure_buffers (self, latent_dataset_get_dim (s->dataset));
  switch (self->mode)
    {
    case LATENT_INSPECTOR_SAMPLE:
      update_sample (self);
      break;
    case LATENT_INSPECTOR_PLANE:
      update_place (self);
      break;
    case LATENT_INSPECTOR_PAIR:
      update_pair (self);
      break;
    case LATENT_INSPECTOR_NONE:
    default:
      g_assert_not_reached ();
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->details, -1);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Public API --------------------------------------------------------------- */

GtkWidget *
latent_inspector_new (void)
{
  return g_object_new (LATENT_TYPE_INSPECTOR, NULL);
}

void
latent_inspector_set_snapshot (LatentInspector *self,
                               LatentSnapshot  *snapshot)
{
  g_return_if_fail (LATENT_IS_INSPECTOR (self));

  if (self->snapshot == snapshot)
    return;
  /* Another dataset's rows are other samples: what was shown is gone. */
  if (self->snapshot != NULL && snapshot != NULL && self->snapshot->dataset != snapshot->dataset)
    self->mode = LATENT_INSPECTOR_NONE;
  if (snapshot != NULL)
    latent_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, latent_snapshot_unref);
  self->snapshot = snapshot;
  if (self->mode != LATENT_INSPECTOR_NONE || gtk_widget_get_visible (GTK_WIDGET (self)))
    update (self);
}

void
latent_inspector_set_presentation (LatentInspector *self,
                                   gboolean         presentation)
{
  g_return_if_fail (LATENT_IS_INSPECTOR (self));

  if (self->presentation == !!presentation)
    return;
  self->presentation = !!presentation;
  if (self->mode != LATENT_INSPECTOR_NONE)
    update (self);
}

void
latent_inspector_set_raw_view (LatentInspector     *self,
                               const LatentRawView *raw)
{
  g_return_if_fail (LATENT_IS_INSPECTOR (self));

  if (self->raw == raw)
    return;
  self->raw = raw;
  /* A place of one plane is not the same place of the other. */
  if (self->mode == LATENT_INSPECTOR_PLANE)
    self->mode = LATENT_INSPECTOR_NONE;
  if (self->mode != LATENT_INSPECTOR_NONE || gtk_widget_get_visible (GTK_WIDGET (self)))
    update (self);
}

LatentSnapshot *
latent_inspector_get_snapshot (LatentInspector *self)
{
  g_return_val_if_fail (LATENT_IS_INSPECTOR (self), NULL);

  return self->snapshot;
}

void
latent_inspector_show_sample (LatentInspector *self,
                              gsize            index)
{
  g_return_if_fail (LATENT_IS_INSPECTOR (self));

  if (!snapshot_usable (self->snapshot) || index >= self->snapshot->n_points)
    return;
  self->mode = LATENT_INSPECTOR_SAMPLE;
  self->first = index;
  update (self);
}

void
latent_inspector_show_place (LatentInspector *self,
                             double           x,
                             double           y)
{
  g_return_if_fail (LATENT_IS_INSPECTOR (self));

  if (!snapshot_usable (self->snapshot) || !isfinite (x) || !isfinite (y))
    return;
  self->mode = LATENT_INSPECTOR_PLANE;
  self->place_x = x;
  self->place_y = y;
  update (self);
}

void
latent_inspector_show_pair (LatentInspector *self,
                            gsize            first,
                            gsize            second)
{
  g_return_if_fail (LATENT_IS_INSPECTOR (self));

  if (!snapshot_usable (self->snapshot) ||
      first >= self->snapshot->n_points || second >= self->snapshot->n_points)
    return;
  self->mode = LATENT_INSPECTOR_PAIR;
  self->first = first;
  self->second = second;
  update (self);
}

void
latent_inspector_extend (LatentInspector *self,
                         gsize            index)
{
  g_return_if_fail (LATENT_IS_INSPECTOR (self));

  if (self->mode == LATENT_INSPECTOR_SAMPLE && self->first != index)
    latent_inspector_show_pair (self, self->first, index);
  else if (self->mode == LATENT_INSPECTOR_PAIR && self->second != index)
    latent_inspector_show_pair (self, self->second, index);
  else
    latent_inspector_show_sample (self, index);
}

void
latent_inspector_close (LatentInspector *self)
{
  g_return_if_fail (LATENT_IS_INSPECTOR (self));

  if (self->mode == LATENT_INSPECTOR_NONE)
    return;
  self->mode = LATENT_INSPECTOR_NONE;
  update (self);
}

LatentInspectorMode
latent_inspector_get_mode (LatentInspector *self)
{
  g_return_val_if_fail (LATENT_IS_INSPECTOR (self), LATENT_INSPECTOR_NONE);

  return self->mode;
}

gboolean
latent_inspector_get_samples (LatentInspector *self,
                              gsize           *first,
                              gsize           *second)
{
  g_return_val_if_fail (LATENT_IS_INSPECTOR (self), FALSE);

  if (self->mode != LATENT_INSPECTOR_SAMPLE && self->mode != LATENT_INSPECTOR_PAIR)
    return FALSE;
  if (first != NULL)
    *first = self->first;
  if (second != NULL)
    *second = self->mode == LATENT_INSPECTOR_PAIR ? self->second : self->first;
  return TRUE;
}

gboolean
latent_inspector_get_place (LatentInspector *self,
                            double          *x,
                            double          *y)
{
  g_return_val_if_fail (LATENT_IS_INSPECTOR (self), FALSE);

  if (self->mode != LATENT_INSPECTOR_PLANE)
    return FALSE;
  *x = self->place_x;
  *y = self->place_y;
  return TRUE;
}

int
latent_inspector_get_cluster (LatentInspector *self)
{
  g_return_val_if_fail (LATENT_IS_INSPECTOR (self), -1);

  return self->mode == LATENT_INSPECTOR_NONE ? -1 : self->cluster;
}

const char *
latent_inspector_get_details (LatentInspector *self)
{
  g_return_val_if_fail (LATENT_IS_INSPECTOR (self), NULL);

  return self->details;
}

static LatentDigitView *
view_for (LatentInspector      *self,
          LatentInspectorImage  image,
          guint                 step)
{
  switch (image)
    {
    case LATENT_INSPECTOR_IMAGE_SAMPLE:
      return self->mode == LATENT_INSPECTOR_SAMPLE ? self->sample_view : NULL;
    case LATENT_INSPECTOR_IMAGE_RECONSTRUCTION:
      return self->mode == LATENT_INSPECTOR_SAMPLE ? self->reconstruction_view : NULL;
    case LATENT_INSPECTOR_IMAGE_GENERATED:
      return self->mode == LATENT_INSPECTOR_PLANE ? self->generated_view : NULL;
    case LATENT_INSPECTOR_IMAGE_STEP:
      return self->mode == LATENT_INSPECTOR_PAIR && step < LATENT_INSPECTOR_N_STEPS
             ? self->step_views[step] : NULL;
    default:
      return NULL;
    }
}

const float *
latent_inspector_get_values (LatentInspector      *self,
                             LatentInspectorImage  image,
                             guint                 step,
                             gsize                *dim)
{
  g_return_val_if_fail (LATENT_IS_INSPECTOR (self), NULL);

  if (view_for (self, image, step) == NULL)
    return NULL;
  if (dim != NULL)
    *dim = self->dim;
  switch (image)
    {
    case LATENT_INSPECTOR_IMAGE_SAMPLE:
      return self->sample;
    case LATENT_INSPECTOR_IMAGE_RECONSTRUCTION:
      return self->reconstruction;
    case LATENT_INSPECTOR_IMAGE_GENERATED:
      return self->generated;
    case LATENT_INSPECTOR_IMAGE_STEP:
      return self->steps + step * self->dim;
    default:
      return NULL;
    }
}

const float *
latent_inspector_get_shown (LatentInspector      *self,
                            LatentInspectorImage  image,
                            guint                 step,
                            guint                *width,
                            guint                *height)
{
  LatentDigitView *view;

  g_return_val_if_fail (LATENT_IS_INSPECTOR (self), NULL);

  view = view_for (self, image, step);
  return view != NULL ? latent_digit_view_get_image (view, width, height) : NULL;
}

guint
latent_inspector_get_probes (LatentInspector *self,
                             float           *xy)
{
  LatentSnapshot *s = self->snapshot;

  g_return_val_if_fail (LATENT_IS_INSPECTOR (self), 0);

  switch (self->mode)
    {
    case LATENT_INSPECTOR_SAMPLE:
      memcpy (xy, s->xy + 2 * self->first, 2 * sizeof (float));
      return 1;
    case LATENT_INSPECTOR_PLANE:
      xy[0] = (float) self->place_x;
      xy[1] = (float) self->place_y;
      return 1;
    case LATENT_INSPECTOR_PAIR:
      memcpy (xy, s->xy + 2 * self->first, 2 * sizeof (float));
      memcpy (xy + 2, s->xy + 2 * self->second, 2 * sizeof (float));
      return 2;
    case LATENT_INSPECTOR_NONE:
    default:
      return 0;
    }
}

/* Life cycle --------------------------------------------------------------- */

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  latent_inspector_close (LATENT_INSPECTOR (widget));
}

static void
latent_inspector_dispose (GObject *object)
{
  LatentInspector *self = LATENT_INSPECTOR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), LATENT_TYPE_INSPECTOR);
  /* dispose_template only takes the bound children; the rest go here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  memset (self->step_views, 0, sizeof self->step_views);
  g_clear_pointer (&self->snapshot, latent_snapshot_unref);

  G_OBJECT_CLASS (latent_inspector_parent_class)->dispose (object);
}

static void
latent_inspector_finalize (GObject *object)
{
  LatentInspector *self = LATENT_INSPECTOR (object);

  g_free (self->sample);
  g_free (self->reconstruction);
  g_free (self->generated);
  g_free (self->steps);
  g_free (self->details);

  G_OBJECT_CLASS (latent_inspector_parent_class)->finalize (object);
}

static void
latent_inspector_class_init (LatentInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = latent_inspector_dispose;
  object_class->finalize = latent_inspector_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LATENT_TYPE_DIGIT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/latentspace/LatentSpace/"
                                               "ui/latent-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, LatentInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, LatentInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, LatentInspector, sample_view);
  gtk_widget_class_bind_template_child (widget_class, LatentInspector, reconstruction_view);
  gtk_widget_class_bind_template_child (widget_class, LatentInspector, sample_details);
  gtk_widget_class_bind_template_child (widget_class, LatentInspector, generated_view);
  gtk_widget_class_bind_template_child (widget_class, LatentInspector, place_details);
  gtk_widget_class_bind_template_child (widget_class, LatentInspector, strip_box);
  gtk_widget_class_bind_template_child (widget_class, LatentInspector, pair_first_label);
  gtk_widget_class_bind_template_child (widget_class, LatentInspector, pair_second_label);
  gtk_widget_class_bind_template_child (widget_class, LatentInspector, hint_label);

  gtk_widget_class_install_action (widget_class, "inspector.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "inspector.close", NULL);

  gtk_widget_class_set_css_name (widget_class, "inspector");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
latent_inspector_init (LatentInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cluster = -1;
  for (guint i = 0; i < LATENT_INSPECTOR_N_STEPS; i++)
    {
      GtkWidget *view = latent_digit_view_new (NULL);

      gtk_box_append (self->strip_box, view);
      self->step_views[i] = LATENT_DIGIT_VIEW (view);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Inspector"), -1);
}
