/* latent-draw-panel.c — draw a digit and see what the network makes of it
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "latent-digit-input.h"
#include "latent-digit-view.h"
#include "latent-draw-panel.h"
#include "latent-palette.h"

struct _LatentDrawPanel
{
  GtkWidget        parent_instance;

  /* template children */
  LatentDrawPad   *pad;
  LatentDigitView *input_view;
  LatentDigitView *reconstruction_view;
  GtkLabel        *status_label;
  GtkLabel        *title_label;
  GtkBox          *nearest_box;

  LatentDigitView *nearest_views[LATENT_DRAW_PANEL_N_NEAREST];

  LatentSnapshot  *snapshot;
  const LatentRawView *raw;         /* the raw-data view shown, or NULL (the window's) */
  gboolean         presentation;    /* the plot's high-contrast palette */
  LatentDrawSubject subject;

  /* The results for the drawing as it is now; valid while has_result. */
  gboolean         has_result;
  float           *code;            /* latent_dim, in the snapshot's code space */
  float           *raw_code;        /* latent_dim, the encoder's output */
  gsize            latent_dim;
  float           *reconstruction;  /* side × side */
  int              side;            /* of the images the drawing is made for */
  double           marker_x;
  double           marker_y;
  int              cluster;
  gsize            nearest[LATENT_DRAW_PANEL_N_NEAREST];
  guint            n_nearest;
};

G_DEFINE_FINAL_TYPE (LatentDrawPanel, latent_draw_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SNAPSHOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MARKER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The side of the square images a snapshot's model takes, which a drawing
 * is rendered at (digits 28, a folder of images its --image-size); 0 when
 * the model takes no drawing (other data, or images that are not square). */
static int
drawing_side (LatentSnapshot *snapshot)
{
  guint side;

  if (snapshot == NULL || snapshot->dataset == NULL)
    return 0;
  side = latent_dataset_get_width (snapshot->dataset);
  if (side < 1 || side > LATENT_DIGIT_SIZE_MAX
      || latent_dataset_get_height (snapshot->dataset) != side)
    return 0;
  return (int) side;
}

static gboolean
snapshot_takes_drawings (LatentSnapshot *snapshot)
{
  gsize side = drawing_side (snapshot);

  return side > 0 &&
         snapshot->model != NULL &&
         snapshot->pca != NULL &&
         snapshot->kmeans != NULL &&
         snapshot->dataset != NULL &&
         snapshot->latent != NULL &&
         snapshot->n_points > 0 &&
         snapshot->latent_dim > 0 &&
         latent_dataset_get_kind (snapshot->dataset) == LATENT_DATASET_PIXELS &&
         latent_autoencoder_get_architecture (snapshot->model)->input_dim == side * side &&
         snapshot->pca->dim == snapshot->latent_dim &&
         snapshot->kmeans->dim == snapshot->latent_dim;
}

/* The up to LATENT_DRAW_PANEL_N_NEAREST rows of latent[n × dim] nearest to
 * code, nearest first, by squared Euclidean distance (the k-means metric). */
static guint
find_nearest (gsize       *rows,
              const float *latent,
              gsize        n,
              gsize        dim,
              const float *code)
{
  double best[LATENT_DRAW_PANEL_N_NEAREST];
  guint count = 0;

  for (gsize i = 0; i < n; i++)
    {
      const float *z = latent + i * dim;
      double d = 0.0;
      guint j;

      for (gsize c = 0; c < dim; c++)
        {
          double e = (double) z[c] - code[c];

          d += e * e;
        }
      if (!(d == d))  /* a NaN code is nobody's neighbour */
        continue;
      if (count == LATENT_DRAW_PANEL_N_NEAREST && d >= best[count - 1])
        continue;

      /* Insertion into the short sorted list. */
      j = count < LATENT_DRAW_PANEL_N_NEAREST ? count++ : count - 1;
      while (j > 0 && best[j - 1] > d)
        {
          best[j] = best[j - 1];
          rows[j] = rows[j - 1];
          j--;
        }
      best[j] = d;
      rows[j] = i;
    }
  return count;
}

static void
set_marker (LatentDrawPanel *self,
            gboolean         visible,
            double           x,
            double           y)
{
  gboolean was_visible = self->has_result;

  /* Hidden stays hidden quietly; a visible marker follows every update. */
  if (!visible && !was_visible)
    return;
  g_signal_emit (self, signals[MARKER_CHANGED], 0, x, y, visible);
}

static void
clear_results (LatentDrawPanel *self,
               const char      *status)
{
  set_marker (self, FALSE, 0.0, 0.0);
  self->has_result = FALSE;
  self->cluster = -1;
  self->n_nearest = 0;
  latent_digit_view_set_image (self->reconstruction_view, NULL, 0, 0);
  for (guint i = 0; i < LATENT_DRAW_PANEL_N_NEAREST; i++)
    latent_digit_view_set_image (self->nearest_views[i], NULL, 0, 0);
  gtk_label_set_text (self->status_label, status);
}

static void
update (LatentDrawPanel *self)
{
  LatentSnapshot *snapshot = self->snapshot;
  /* Until a model of square images comes, the drawing shows as a digit. */
  int side = drawing_side (snapshot) > 0 ? drawing_side (snapshot) : LATENT_DIGIT_SIZE;
  g_autofree float *input = g_new (float, (gsize) side * side);
  g_autofree float *image = g_new (float, (gsize) side * side);
  float xy[2];
  g_autofree char *status = NULL;

  latent_draw_pad_get_input_at (self->pad, input, side);
  if (latent_draw_pad_is_empty (self->pad))
    latent_digit_view_set_image (self->input_view, NULL, 0, 0);
  else
    latent_digit_view_set_image (self->input_view, input, side, side);

  if (snapshot == NULL)
    {
      clear_results (self, _("Train the network to see its reconstruction."));
      return;
    }
  if (!snapshot_takes_drawings (snapshot))
    {
      clear_results (self, _("Drawing needs a dataset of square images."));
      return;
    }
  if (latent_draw_pad_is_empty (self->pad))
    {
      switch (self->subject)
        {
        case LATENT_DRAW_FACE:
          clear_results (self, _("Draw a face to see where it falls among the clusters."));
          break;
        case LATENT_DRAW_ANYTHING:
          clear_results (self, _("Draw something like the images to see where it falls "
                                 "among the clusters."));
          break;
        case LATENT_DRAW_DIGIT:
        default:
          clear_results (self, _("Draw a digit to see where it falls among the clusters."));
          break;
        }
      return;
    }

  if (self->side != side)
    {
      self->side = side;
      self->reconstruction = g_renew (float, self->reconstruction, (gsize) side * side);
    }
  if (self->latent_dim != snapshot->latent_dim)
    {
      g_free (self->code);
      g_free (self->raw_code);
      self->latent_dim = snapshot->latent_dim;
      self->code = g_new0 (float, self->latent_dim);
      self->raw_code = g_new0 (float, self->latent_dim);
    }

  /* input is pixels / 255 like the snapshot's data. The reconstruction is
   * the autoencoder's own, from the encoder's code; the drawing is placed
   * (marker, cluster, neighbours) by its code in the snapshot's space, where
   * the dots, the PCA and the centroids are. */
  latent_autoencoder_encode (snapshot->model, self->raw_code, input, 1);
  latent_autoencoder_decode (snapshot->model, self->reconstruction, self->raw_code, 1);
  latent_snapshot_encode (snapshot, self->code, input, 1);
  latent_pca_project (snapshot->pca, xy, self->code, 1);
  /* In the raw-data view the ★ stands where the drawing's pixels project,
   * as the dots do; what the network makes of it stays below. */
  if (self->raw != NULL && self->raw->input_dim == (gsize) side * side)
    latent_pca_project (self->raw->pca, xy, input, 1);
  self->cluster = latent_snapshot_nearest_cluster (snapshot, self->code);
  self->n_nearest = find_nearest (self->nearest, snapshot->latent, snapshot->n_points,
                                  snapshot->latent_dim, self->code);

  latent_digit_view_set_image (self->reconstruction_view, self->reconstruction, side, side);
  for (guint i = 0; i < LATENT_DRAW_PANEL_N_NEAREST; i++)
    {
      const gint32 *labels = latent_dataset_get_labels (snapshot->dataset);
      g_autofree char *label = NULL;
      guint32 row;

      if (i >= self->n_nearest)
        {
          latent_digit_view_set_image (self->nearest_views[i], NULL, 0, 0);
          continue;
        }
      row = (guint32) self->nearest[i];
      latent_dataset_get_rows (snapshot->dataset, image, &row, 1);
      latent_digit_view_set_image (self->nearest_views[i], image, side, side);
      if (labels != NULL && labels[row] != LATENT_NO_LABEL)
        label = g_strdup_printf (_("Nearest sample %u, labelled %d"), i + 1, labels[row]);
      else
        label = g_strdup_printf (_("Nearest sample %u"), i + 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->nearest_views[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }

  /* Clusters are numbered from 1 for people, and coloured, as on the
   * scatter plot. */
  {
    g_autofree char *name = latent_snapshot_describe_cluster (snapshot, self->cluster);

    status = g_strdup_printf (_("Nearest cluster: %s"), name);
  }
  {
    g_autofree char *markup = NULL;
    GdkRGBA fg;

    /* The plot's colour for the theme: lightened on a dark one. */
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self->status_label)),
                                 &fg);
    G_GNUC_END_IGNORE_DEPRECATIONS
    markup = g_markup_printf_escaped ("<span foreground=\"#%06x\">●</span> %s",
                                      latent_palette_get_rgb (latent_palette_kind_for (self->presentation,
                                                                                       &fg),
                                                              (guint) self->cluster),
                                      status);
    gtk_label_set_markup (self->status_label, markup);
  }

  self->marker_x = xy[0];
  self->marker_y = xy[1];
  set_marker (self, TRUE, xy[0], xy[1]);
  self->has_result = TRUE;
}

static void
pad_changed_cb (LatentDrawPanel *self,
                LatentDrawPad   *pad)
{
  gboolean empty = latent_draw_pad_is_empty (pad);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw-panel.clear", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw-panel.undo", !empty);
  update (self);
}

GtkWidget *
latent_draw_panel_new (void)
{
  return g_object_new (LATENT_TYPE_DRAW_PANEL, NULL);
}

void
latent_draw_panel_set_snapshot (LatentDrawPanel *self,
                                LatentSnapshot  *snapshot)
{
  g_return_if_fail (LATENT_IS_DRAW_PANEL (self));

  if (self->snapshot == snapshot)
    return;
  if (snapshot != NULL)
    latent_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, latent_snapshot_unref);
  self->snapshot = snapshot;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAPSHOT]);
}

void
latent_draw_panel_set_subject (LatentDrawPanel   *self,
                               LatentDrawSubject  subject)
{
  g_return_if_fail (LATENT_IS_DRAW_PANEL (self));

  if (self->subject == subject)
    return;
  self->subject = subject;
  switch (subject)
    {
    case LATENT_DRAW_FACE:
      gtk_label_set_text (self->title_label, _("Draw a Face"));
      latent_draw_pad_set_hint (self->pad, _("Draw a face here"));
      break;
    case LATENT_DRAW_ANYTHING:
      gtk_label_set_text (self->title_label, _("Draw"));
      latent_draw_pad_set_hint (self->pad, _("Draw here"));
      break;
    case LATENT_DRAW_DIGIT:
    default:
      gtk_label_set_text (self->title_label, _("Draw a Digit"));
      latent_draw_pad_set_hint (self->pad, NULL);
      break;
    }
  update (self);
}

LatentDrawSubject
latent_draw_panel_get_subject (LatentDrawPanel *self)
{
  g_return_val_if_fail (LATENT_IS_DRAW_PANEL (self), LATENT_DRAW_DIGIT);

  return self->subject;
}

void
latent_draw_panel_set_presentation (LatentDrawPanel *self,
                                    gboolean         presentation)
{
  g_return_if_fail (LATENT_IS_DRAW_PANEL (self));

  if (self->presentation == !!presentation)
    return;
  self->presentation = !!presentation;
  update (self);
}

gboolean
latent_draw_panel_get_presentation (LatentDrawPanel *self)
{
  g_return_val_if_fail (LATENT_IS_DRAW_PANEL (self), FALSE);

  return self->presentation;
}

void
latent_draw_panel_set_raw_view (LatentDrawPanel     *self,
                                const LatentRawView *raw)
{
  g_return_if_fail (LATENT_IS_DRAW_PANEL (self));

  if (self->raw == raw)
    return;
  self->raw = raw;
  update (self);
}

LatentSnapshot *
latent_draw_panel_get_snapshot (LatentDrawPanel *self)
{
  g_return_val_if_fail (LATENT_IS_DRAW_PANEL (self), NULL);

  return self->snapshot;
}

LatentDrawPad *
latent_draw_panel_get_pad (LatentDrawPanel *self)
{
  g_return_val_if_fail (LATENT_IS_DRAW_PANEL (self), NULL);

  return self->pad;
}

gboolean
latent_draw_panel_get_marker (LatentDrawPanel *self,
                              double          *x,
                              double          *y)
{
  g_return_val_if_fail (LATENT_IS_DRAW_PANEL (self), FALSE);

  if (!self->has_result)
    return FALSE;
  *x = self->marker_x;
  *y = self->marker_y;
  return TRUE;
}

int
latent_draw_panel_get_cluster (LatentDrawPanel *self)
{
  g_return_val_if_fail (LATENT_IS_DRAW_PANEL (self), -1);

  return self->has_result ? self->cluster : -1;
}

const float *
latent_draw_panel_get_reconstruction (LatentDrawPanel *self)
{
  g_return_val_if_fail (LATENT_IS_DRAW_PANEL (self), NULL);

  return self->has_result ? self->reconstruction : NULL;
}

const float *
latent_draw_panel_get_code (LatentDrawPanel *self,
                            gsize           *latent_dim)
{
  g_return_val_if_fail (LATENT_IS_DRAW_PANEL (self), NULL);

  if (!self->has_result)
    return NULL;
  if (latent_dim != NULL)
    *latent_dim = self->latent_dim;
  return self->code;
}

guint
latent_draw_panel_get_nearest (LatentDrawPanel *self,
                               gsize           *rows)
{
  g_return_val_if_fail (LATENT_IS_DRAW_PANEL (self), 0);

  if (!self->has_result)
    return 0;
  if (rows != NULL)
    memcpy (rows, self->nearest, self->n_nearest * sizeof (gsize));
  return self->n_nearest;
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  latent_draw_pad_clear (LATENT_DRAW_PANEL (widget)->pad);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  latent_draw_pad_undo (LATENT_DRAW_PANEL (widget)->pad);
}

static void
latent_draw_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LatentDrawPanel *self = LATENT_DRAW_PANEL (object);

  switch (prop_id)
    {
    case PROP_SNAPSHOT:
      g_value_set_boxed (value, self->snapshot);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
latent_draw_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LatentDrawPanel *self = LATENT_DRAW_PANEL (object);

  switch (prop_id)
    {
    case PROP_SNAPSHOT:
      latent_draw_panel_set_snapshot (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
latent_draw_panel_dispose (GObject *object)
{
  LatentDrawPanel *self = LATENT_DRAW_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), LATENT_TYPE_DRAW_PANEL);
  /* dispose_template only takes the bound children; the rest go here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  memset (self->nearest_views, 0, sizeof self->nearest_views);
  g_clear_pointer (&self->snapshot, latent_snapshot_unref);

  G_OBJECT_CLASS (latent_draw_panel_parent_class)->dispose (object);
}

static void
latent_draw_panel_finalize (GObject *object)
{
  LatentDrawPanel *self = LATENT_DRAW_PANEL (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->raw_code, g_free);
  g_clear_pointer (&self->reconstruction, g_free);

  G_OBJECT_CLASS (latent_draw_panel_parent_class)->finalize (object);
}

static void
latent_draw_panel_class_init (LatentDrawPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = latent_draw_panel_get_property;
  object_class->set_property = latent_draw_panel_set_property;
  object_class->dispose = latent_draw_panel_dispose;
  object_class->finalize = latent_draw_panel_finalize;

  properties[PROP_SNAPSHOT] =
    g_param_spec_boxed ("snapshot", NULL, NULL, latent_snapshot_get_type (),
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LatentDrawPanel::marker-changed:
   * @x: the drawing's place on the PCA plane
   * @y: the drawing's place on the PCA plane
   * @visible: FALSE when there is no drawing or no model to place it with
   */
  signals[MARKER_CHANGED] =
    g_signal_new ("marker-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_BOOLEAN);

  g_type_ensure (LATENT_TYPE_DRAW_PAD);
  g_type_ensure (LATENT_TYPE_DIGIT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/latentspace/LatentSpace/"
                                               "ui/latent-draw-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LatentDrawPanel, pad);
  gtk_widget_class_bind_template_child (widget_class, LatentDrawPanel, input_view);
  gtk_widget_class_bind_template_child (widget_class, LatentDrawPanel, reconstruction_view);
  gtk_widget_class_bind_template_child (widget_class, LatentDrawPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, LatentDrawPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, LatentDrawPanel, nearest_box);
  gtk_widget_class_bind_template_callback (widget_class, pad_changed_cb);

  /* The buttons beside the pad are not inside it, so they cannot reach
   * the pad's own actions: the panel forwards its own. */
  gtk_widget_class_install_action (widget_class, "draw-panel.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "draw-panel.undo", NULL, undo_action);

  gtk_widget_class_set_css_name (widget_class, "drawpanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
latent_draw_panel_init (LatentDrawPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cluster = -1;
  /* The right column is about 300 px wide and shares its height with the
   * loss plot: the pad gets the room, the images stay small. */
  latent_digit_view_set_natural_scale (self->input_view, 3);
  latent_digit_view_set_natural_scale (self->reconstruction_view, 3);
  for (guint i = 0; i < LATENT_DRAW_PANEL_N_NEAREST; i++)
    {
      GtkWidget *view = latent_digit_view_new (_("Nearest sample"));

      latent_digit_view_set_natural_scale (LATENT_DIGIT_VIEW (view), 2);
      gtk_box_append (self->nearest_box, view);
      self->nearest_views[i] = LATENT_DIGIT_VIEW (view);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Draw a digit"),
                                  -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw-panel.clear", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw-panel.undo", FALSE);
  update (self);
}
