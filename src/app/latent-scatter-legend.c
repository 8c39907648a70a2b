/* latent-scatter-legend.c — the scatter plot's colour slots and the legend that names them
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A point's colour slot is worked out once per snapshot, so that the dots, the legend and
 * the accessible description all agree on it without asking the colour mode again.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "latent-plot-axes.h"
#include "latent-scatter-legend.h"

void
latent_scatter_slot_color (LatentPaletteKind  kind,
                           guint              slot,
                           const GdkRGBA     *fg,
                           GdkRGBA           *color)
{
  if (slot == LATENT_SCATTER_UNLABELLED)
    {
      *color = *fg;
      color->alpha *= 0.45f;
      return;
    }
  latent_palette_get_color (kind, slot, color);
}

static char *
format_count (gsize n)
{
  /* The ' flag groups thousands as the locale does: "10,000", "10 000". */
  return g_strdup_printf ("%'" G_GSIZE_FORMAT, n);
}

void
latent_scatter_legend_update (LatentScatterLegend *legend,
                              guint8              *slots,
                              const guint32       *clusters,
                              const gint32        *labels,
                              gsize                n,
                              guint                k)
{
  gsize counts[LATENT_SCATTER_N_SLOTS] = { 0 };
  gboolean by_label = labels != NULL;

  for (gsize i = 0; i < n; i++)
    {
      guint slot;

      if (by_label)
        slot = labels[i] < 0 ? LATENT_SCATTER_UNLABELLED
                             : (guint) labels[i] % LATENT_PALETTE_SIZE;
      else
        slot = clusters[i] % LATENT_PALETTE_SIZE;
      slots[i] = (guint8) slot;
      counts[slot]++;
    }

  legend->by_label = by_label;
  legend->n_entries = 0;
  if (n == 0)
    return;
  for (guint s = 0; s < LATENT_PALETTE_SIZE; s++)
    {
      /* Every cluster is listed, even an empty one; label classes only when present. */
      gboolean listed = by_label ? counts[s] > 0 : s < k;

      if (listed)
        legend->entries[legend->n_entries++] = (LatentScatterLegendEntry) { s, (int) s, counts[s] };
    }
  if (counts[LATENT_SCATTER_UNLABELLED] > 0)
    legend->entries[legend->n_entries++] =
      (LatentScatterLegendEntry) { LATENT_SCATTER_UNLABELLED, -1,
                                   counts[LATENT_SCATTER_UNLABELLED] };
}

gboolean
latent_scatter_legend_set_names (LatentScatterLegend *legend,
                                 const char * const  *names)
{
  if (names == NULL && legend->names == NULL)
    return FALSE;
  if (names != NULL && legend->names != NULL
      && g_strv_equal ((const char * const *) legend->names, names))
    return FALSE;
  g_strfreev (legend->names);
  legend->names = g_strdupv ((char **) names);
  return TRUE;
}

gboolean
latent_scatter_legend_has_names (const LatentScatterLegend *legend)
{
  return legend->names != NULL && !legend->by_label;
}

void
latent_scatter_legend_clear (LatentScatterLegend *legend)
{
  g_clear_pointer (&legend->names, g_strfreev);
  legend->n_entries = 0;
}

/* The entry's name if its cluster has one, else NULL. */
static const char *
entry_name (const LatentScatterLegend      *legend,
            const LatentScatterLegendEntry *e)
{
  if (e->id >= 0 && latent_scatter_legend_has_names (legend)
      && (guint) e->id < g_strv_length (legend->names))
    return legend->names[e->id];
  return NULL;
}

void
latent_scatter_legend_describe (const LatentScatterLegend *legend,
                                GString                   *text,
                                gsize                      n,
                                guint                      k)
{
  g_autofree char *n_text = format_count (n);

  if (n == 0)
    {
      g_string_append (text, _("Scatter plot with no samples yet."));
      return;
    }
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Scatter plot of %s samples in %u cluster",
                                       "Scatter plot of %s samples in %u clusters",
                                       k),
                          n_text, k);
  g_string_append (text, legend->by_label ? _(", coloured by label.")
                                          : _(", coloured by cluster."));
  g_string_append (text, legend->by_label ? _(" Samples per label: ") : _(" Cluster sizes: "));
  for (guint i = 0; i < legend->n_entries; i++)
    {
      const LatentScatterLegendEntry *e = &legend->entries[i];
      const char *name = entry_name (legend, e);
      g_autofree char *count = format_count (e->count);

      if (i > 0)
        g_string_append (text, ", ");
      if (e->id < 0)
        g_string_append_printf (text, _("unlabelled %s"), count);
      else if (name != NULL)
        g_string_append_printf (text, "%d (%s): %s", e->id + 1, name, count);
      else
        g_string_append_printf (text, "%d: %s", legend->by_label ? e->id : e->id + 1, count);
    }
  g_string_append (text, ".");
}

void
latent_scatter_legend_draw (const LatentScatterLegend *legend,
                            cairo_t                   *cr,
                            const LatentScatterLayout *l,
                            const LatentScatterStyle  *style,
                            PangoLayout               *pl)
{
  double eh = l->entry_h;

  if (!l->legend)
    return;

  cairo_save (cr);
  latent_scatter_set_source (cr, &style->fg, 1.0);
  latent_plot_show_text (cr, pl, legend->by_label ? _("Label") : _("Cluster"),
                         l->legend_x, l->legend_y, 0.0, 0.0);

  for (guint i = 0; i < legend->n_entries; i++)
    {
      const LatentScatterLegendEntry *e = &legend->entries[i];
      double x = l->legend_x + (i / l->legend_rows) * l->legend_col_w;
      double y = l->legend_y + (i % l->legend_rows + 1) * eh + eh / 2.0;
      const char *cluster_name = entry_name (legend, e);
      g_autofree char *count = format_count (e->count);
      char name[64];
      GdkRGBA c;

      latent_scatter_slot_color (style->palette, e->slot, &style->fg, &c);
      cairo_new_path (cr);
      cairo_arc (cr, x + 5.0 * l->ui, y, 4.5 * l->ui, 0.0, 2.0 * G_PI);
      latent_scatter_set_source (cr, &c, 1.0);
      cairo_fill (cr);

      if (e->id < 0)
        g_strlcpy (name, "–", sizeof name);
      else if (cluster_name != NULL)
        g_strlcpy (name, cluster_name, sizeof name);
      else
        g_snprintf (name, sizeof name, "%d", legend->by_label ? e->id : e->id + 1);
      latent_scatter_set_source (cr, &style->fg, 1.0);
      latent_plot_show_text (cr, pl, name, x + 14.0 * l->ui, y, 0.0, 0.5);
      latent_scatter_set_source (cr, &style->fg, 0.7);
      latent_plot_show_text (cr, pl, count, x + l->legend_col_w - 10.0 * l->ui, y, 1.0, 0.5);
    }
  cairo_restore (cr);
}
