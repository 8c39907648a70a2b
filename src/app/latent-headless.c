/* latent-headless.c — `latent-space --headless`: train from the command line
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same engine as the window (LatentSession), driven synchronously on the
 * main thread: progress on stderr, results as files and, with --json, one
 * JSON object on stdout.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "latent-blas.h"
#include "latent-builtin.h"
#include "latent-dataset.h"
#include "latent-error.h"
#include "latent-headless.h"
#include "latent-metrics.h"
#include "latent-model-file.h"
#include "latent-plot-export.h"
#include "latent-raw-view.h"
#include "latent-reader.h"
#include "latent-safe-file.h"
#include "latent-session.h"

#define EXIT_BAD_INPUT 2

typedef struct
{
  char     *data_path;
  char     *labels_path;
  char     *dataset_id;
  char     *label_column;
  char     *layers;
  char     *activation;
  char     *export_latents;
  char     *export_plot;
  char     *plot_size;
  char     *save_model;
  char     *load_model;
  gint      epochs;
  gint      latent;
  gint      k;
  gint      batch;
  gdouble   lr;
  gdouble   noise;
  gint64    seed;
  gint      threads;
  gint      max_points;
  gint      reconstruction_epochs;
  gint      grouping_epochs;
  gdouble   grouping_weight;
  gint      neighbours;
  gint      image_size;
  gboolean  json;
  gboolean  quiet;
  gboolean  headless;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->data_path);
  g_free (options->labels_path);
  g_free (options->dataset_id);
  g_free (options->label_column);
  g_free (options->layers);
  g_free (options->activation);
  g_free (options->export_latents);
  g_free (options->export_plot);
  g_free (options->plot_size);
  g_free (options->save_model);
  g_free (options->load_model);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* Command-line values start as "unset", a value nobody types, so that only
 * what was given overrides the defaults (and a loaded model's shape). */
#define UNSET_INT G_MININT
#define UNSET_INT64 G_MININT64
#define UNSET_DOUBLE (-G_MAXDOUBLE)

static gboolean
apply_options (const Options   *options,
               LatentSettings  *settings,
               GError         **error)
{
  if (options->layers != NULL && !latent_settings_parse_layers (settings, options->layers, error))
    return FALSE;
  if (options->activation != NULL
      && !latent_activation_from_string (options->activation, &settings->activation))
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   _("unknown activation “%s” (use relu, leaky-relu, tanh, sigmoid or linear)"),
                   options->activation);
      return FALSE;
    }

#define SET_COUNT(field, value, what)                                              \
  if ((value) != UNSET_INT)                                                        \
    {                                                                              \
      if ((value) < 0)                                                             \
        {                                                                          \
          g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,         \
                       _("%s must not be negative, not %d"), what, (int) (value)); \
          return FALSE;                                                            \
        }                                                                          \
      settings->field = (value);                                                   \
    }
  SET_COUNT (epochs, options->epochs, "--epochs");
  SET_COUNT (latent_dim, options->latent, "--latent");
  SET_COUNT (k, options->k, "--k");
  SET_COUNT (batch_size, options->batch, "--batch");
  SET_COUNT (threads, options->threads, "--threads");
  SET_COUNT (max_points, options->max_points, "--max-points");
  SET_COUNT (reconstruction_epochs, options->reconstruction_epochs, "--reconstruction-epochs");
  SET_COUNT (grouping_epochs, options->grouping_epochs, "--grouping-epochs");
  SET_COUNT (graph_neighbours, options->neighbours, "--neighbours");
#undef SET_COUNT

  /* Without --epochs, a run lasts both phases. */
  if (options->epochs == UNSET_INT
      && (options->reconstruction_epochs != UNSET_INT || options->grouping_epochs != UNSET_INT))
    settings->epochs = settings->reconstruction_epochs + settings->grouping_epochs;
  if (options->grouping_weight != UNSET_DOUBLE)
    settings->grouping_weight = options->grouping_weight;

  if (options->lr != UNSET_DOUBLE)
    settings->learning_rate = options->lr;
  if (options->noise != UNSET_DOUBLE)
    settings->input_noise = options->noise;
  if (options->seed != UNSET_INT64)
    {
      if (options->seed < 0)
        {
          g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                       _("--seed must not be negative"));
          return FALSE;
        }
      settings->seed = options->seed;
    }

  return latent_settings_validate (settings, error);
}

/* "digits  Handwritten Digits — 10,000 handwritten digits …", one a line. */
static void
print_builtin_datasets (void)
{
  guint n;
  const LatentBuiltinDataset *builtins = latent_builtin_datasets (&n);

  for (guint i = 0; i < n; i++)
    printf ("%-8s %s — %s\n", builtins[i].id, _(builtins[i].title),
            _(builtins[i].description));
}

static LatentDataset *
load_dataset (const Options               *options,
              const LatentBuiltinDataset  *builtin,
              GError                     **error)
{
  g_autoptr(GFile) labels = NULL;
  g_autoptr(GFile) file = NULL;
  LatentLoadOptions load = { .label_column = options->label_column };

  /* Checked here, before anything loads: an absurd size names the option. */
  if (options->image_size != UNSET_INT)
    {
      if (options->image_size < LATENT_IMAGE_SIZE_MIN || options->image_size > LATENT_IMAGE_SIZE_MAX)
        {
          g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                       _("--image-size must be %d to %d, not %d"), LATENT_IMAGE_SIZE_MIN,
                       LATENT_IMAGE_SIZE_MAX, options->image_size);
          return NULL;
        }
      load.image_size = (guint) options->image_size;
    }

  if (options->data_path == NULL)
    return builtin->make (error);

  file = g_file_new_for_commandline_arg (options->data_path);
  if (options->labels_path != NULL)
    labels = g_file_new_for_commandline_arg (options->labels_path);
  load.labels_file = labels;
  return latent_dataset_load_with_options (file, &load, NULL, error);
}

/* A progress bar on a terminal, redrawn in place; elsewhere nothing until the
 * epoch's line. */
static void
print_progress_bar (LatentSession *session,
                    guint          epochs)
{
  double progress = latent_session_get_epoch_progress (session);
  double seconds = latent_session_get_training_seconds (session);
  int width = 30, filled = (int) (progress * width + 0.5);
  g_autofree char *bar = g_strnfill (filled, '#');
  g_autofree char *rest = g_strnfill (width - filled, '-');

  /* The units are translated on their own, as in the epoch's line. */
  /* After the last minibatch the epoch count has moved on: the bar still
   * shows the last epoch, full. */
  fprintf (stderr, "\r%s %u/%u [%s%s] %3.0f%%  %.0f %s  ",
           _("epoch"), MIN (latent_session_get_epoch (session) + 1, epochs), epochs, bar, rest,
           progress * 100.0,
           seconds > 0 ? latent_session_get_samples_seen (session) / seconds : 0.0,
           _("samples/s"));
  fflush (stderr);
}

static void
print_epoch_line (LatentSnapshot *snapshot,
                  guint           epochs,
                  gboolean        on_terminal)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%s%s %u/%u  %s %.4f", on_terminal ? "\r\033[K" : "",
                          _("epoch"), snapshot->epoch, epochs, _("loss"), snapshot->epoch_loss);
  if (!isnan (snapshot->acc))
    g_string_append_printf (line, "  ACC %.3f  NMI %.3f", snapshot->acc, snapshot->nmi);
  g_string_append_printf (line, "  %.0f %s", snapshot->samples_per_second, _("samples/s"));
  fprintf (stderr, "%s\n", line->str);
}

static gboolean
export_latents (LatentSnapshot       *snapshot,
                const LatentRawView  *raw,
                const char           *path,
                GError              **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GString) csv = g_string_new ("index");
  const gint32 *labels = latent_dataset_get_labels (snapshot->dataset);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (labels != NULL)
    g_string_append (csv, ",label");
  g_string_append (csv, ",cluster,pc1,pc2");
  if (raw != NULL)
    g_string_append (csv, ",raw_pc1,raw_pc2");
  /* The header says which codes these are: the encoder's own after the
   * grouping phase, scaled and smoothed over neighbours before it. */
  for (gsize j = 0; j < snapshot->latent_dim; j++)
    g_string_append_printf (csv, ",%s%" G_GSIZE_FORMAT,
                            snapshot->grouped ? "z" : "smoothed_z", j + 1);
  g_string_append_c (csv, '\n');

  for (gsize i = 0; i < snapshot->n_points; i++)
    {
      g_string_append_printf (csv, "%" G_GSIZE_FORMAT, i);
      if (labels != NULL)
        g_string_append_printf (csv, ",%d", labels[i]);
      g_string_append_printf (csv, ",%u", snapshot->clusters[i]);
      for (gsize j = 0; j < 2; j++)
        g_string_append_printf (csv, ",%s",
                                g_ascii_formatd (number, sizeof number, "%.6g",
                                                 snapshot->xy[i * 2 + j]));
      for (gsize j = 0; raw != NULL && j < 2; j++)
        g_string_append_printf (csv, ",%s",
                                g_ascii_formatd (number, sizeof number, "%.6g",
                                                 raw->xy[i * 2 + j]));
      for (gsize j = 0; j < snapshot->latent_dim; j++)
        g_string_append_printf (csv, ",%s",
                                g_ascii_formatd (number, sizeof number, "%.6g",
                                                 snapshot->latent[i * snapshot->latent_dim + j]));
      g_string_append_c (csv, '\n');
    }

  if (!latent_safe_file_write_contents (file, csv->str, csv->len, NULL, error))
    {
      g_autofree char *name = latent_file_get_message_name (file);

      g_prefix_error (error, _("Cannot write the latents to “%s”: "), name);
      return FALSE;
    }
  return TRUE;
}

/* Where and how big --export-plot draws, checked before anything trains. */
typedef struct
{
  LatentPlotFormat format;
  int width, height;
} PlotRequest;

static gboolean
parse_plot_request (const Options  *options,
                    PlotRequest    *request,
                    GError        **error)
{
  g_autofree char *basename = g_path_get_basename (options->export_plot);
  char *end = NULL;

  if (!latent_plot_format_from_filename (basename, &request->format))
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   _("--export-plot %s: the name must end in .png, .svg or .pdf"),
                   options->export_plot);
      return FALSE;
    }
  /* Pixels for a screen or a slide; points for a page. */
  if (request->format == LATENT_PLOT_FORMAT_PNG)
    *request = (PlotRequest) { request->format, 1600, 1120 };
  else
    *request = (PlotRequest) { request->format, 800, 560 };
  if (options->plot_size == NULL)
    return TRUE;

  request->width = (int) g_ascii_strtoll (options->plot_size, &end, 10);
  if (end != options->plot_size && (*end == 'x' || *end == 'X'))
    {
      const char *height = end + 1;

      request->height = (int) g_ascii_strtoll (height, &end, 10);
      if (end != height && *end == '\0'
          && request->width >= 1 && request->width <= LATENT_PLOT_MAX_SIDE
          && request->height >= 1 && request->height <= LATENT_PLOT_MAX_SIDE)
        return TRUE;
    }
  g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
               _("--plot-size must be WIDTHxHEIGHT, each 1 to %d, such as 1600x1120; not “%s”"),
               LATENT_PLOT_MAX_SIDE, options->plot_size);
  return FALSE;
}

static gboolean
save_model (LatentSession  *session,
            const char     *path,
            GError        **error)
{
  LatentDataset *dataset = latent_session_get_dataset (session);
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  LatentDataShape shape = {
    .width = latent_dataset_get_width (dataset),
    .height = latent_dataset_get_height (dataset),
    .column_mean = (float *) latent_dataset_get_column_mean (dataset),
    .column_scale = (float *) latent_dataset_get_column_scale (dataset),
  };

  /* The error names the file and says why. */
  return latent_model_save (latent_session_get_model (session), &shape, file, NULL, error);
}

/* Trains settings->epochs epochs with progress on stderr; returns the exit
 * status (1 when the model diverged: nothing it would report is meaningful). */
static int
train (LatentSession        *session,
       const LatentSettings *settings,
       gboolean              quiet,
       gboolean              on_terminal)
{
  while (latent_session_get_epoch (session) < settings->epochs)
    {
      guint epoch = latent_session_get_epoch (session);
      gint64 last_draw = 0;

      while (latent_session_get_epoch (session) == epoch
             && !latent_session_has_diverged (session))
        {
          latent_session_train_batch (session);
          if (on_terminal && g_get_monotonic_time () - last_draw > G_USEC_PER_SEC / 10)
            {
              print_progress_bar (session, settings->epochs);
              last_draw = g_get_monotonic_time ();
            }
        }

      if (latent_session_has_diverged (session))
        {
          fprintf (stderr, "%slatent-space: %s %s\n", on_terminal ? "\r\033[K" : "",
                   latent_session_get_divergence (session), _("Try a lower --lr."));
          return 1;
        }

      if (!quiet && latent_session_get_epoch (session) < settings->epochs)
        {
          g_autoptr(LatentSnapshot) progress = latent_session_make_snapshot (session);
          print_epoch_line (progress, settings->epochs, on_terminal);
        }
    }
  return 0;
}

/* A model saved from other data may still be used (its input size was
 * checked), but a person should know when the images or the normalisation
 * differ, since its codes then mean something else. */
static void
check_model_fits_data (const char            *model_name,
                       const LatentDataShape *shape,
                       LatentDataset         *dataset)
{
  const float *mean = latent_dataset_get_column_mean (dataset);
  const float *scale = latent_dataset_get_column_scale (dataset);
  gsize dim = latent_dataset_get_dim (dataset);
  gboolean differs = FALSE;

  if (shape->width != latent_dataset_get_width (dataset)
      || shape->height != latent_dataset_get_height (dataset))
    differs = TRUE;
  else if ((shape->column_mean == NULL) != (mean == NULL))
    differs = TRUE;
  else if (mean != NULL)
    for (gsize j = 0; j < dim && !differs; j++)
      differs = fabsf (shape->column_mean[j] - mean[j]) > 1e-3f * scale[j]
             || fabsf (shape->column_scale[j] - scale[j]) > 1e-3f * scale[j];

  if (differs)
    fprintf (stderr, "latent-space: %s: %s\n", model_name,
             _("warning: the model was trained on data of another shape or scale; "
               "its codes may not mean the same here"));
}

static void
append_json_number (GString    *json,
                    const char *name,
                    double      value,
                    gboolean    last)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (json, "\"%s\":", name);
  if (isfinite (value))
    g_string_append (json, g_ascii_formatd (number, sizeof number, "%.6g", value));
  else
    g_string_append (json, "null");
  g_string_append (json, last ? "}" : ",");
}

/* Counts are printed whole: through %g, 1,233,232 samples would read
 * 1.23323e+06. */
static void
append_json_count (GString    *json,
                   const char *name,
                   guint64     value)
{
  g_string_append_printf (json, "\"%s\":%" G_GUINT64_FORMAT ",", name, value);
}

static void
print_json (LatentSnapshot      *snapshot,
            const LatentRawView *raw,
            double               wall_seconds)
{
  g_autoptr(GString) json = g_string_new ("{");
  const float *places = latent_dataset_get_places (snapshot->dataset);

  append_json_count (json, "epochs", snapshot->epoch);
  append_json_count (json, "samples", snapshot->samples_seen);
  append_json_number (json, "seconds", wall_seconds, FALSE);
  append_json_number (json, "training_seconds", snapshot->seconds, FALSE);
  append_json_number (json, "samples_per_second", snapshot->samples_per_second, FALSE);
  append_json_number (json, "gflops", snapshot->gflops, FALSE);
  append_json_number (json, "loss", snapshot->epoch_loss, FALSE);
  append_json_number (json, "acc", snapshot->acc, FALSE);
  append_json_number (json, "nmi", snapshot->nmi, FALSE);
  append_json_number (json, "ari", snapshot->ari, FALSE);
  /* The same k-means on the raw inputs: whether the network helped. */
  append_json_number (json, "raw_acc", raw != NULL ? raw->acc : NAN, FALSE);
  append_json_number (json, "raw_nmi", raw != NULL ? raw->nmi : NAN, FALSE);
  append_json_number (json, "raw_ari", raw != NULL ? raw->ari : NAN, FALSE);
  append_json_number (json, "raw_seconds", raw != NULL ? raw->seconds : NAN, FALSE);
  /* With places (latitude, longitude), how well each plane redraws the map. */
  append_json_number (json, "map_correlation",
                      places != NULL ? latent_metrics_procrustes (snapshot->xy, places,
                                                                  snapshot->n_points) : NAN,
                      FALSE);
  append_json_number (json, "raw_map_correlation",
                      places != NULL && raw != NULL
                      ? latent_metrics_procrustes (raw->xy, places, raw->n_points) : NAN, TRUE);
  printf ("%s\n", json->str);
  fflush (stdout);
}

/* Every log line goes to stderr, whatever its level: GLib's own writer
 * sends debug and info messages to stdout, where they would break --json
 * (G_MESSAGES_DEBUG=all). */
static GLogWriterOutput
write_log_to_stderr (GLogLevelFlags   log_level,
                     const GLogField *fields,
                     gsize            n_fields,
                     gpointer         user_data)
{
  g_autofree char *line = NULL;
  const char *domain = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
      domain = fields[i].value;
  /* Debug and info lines only when G_MESSAGES_DEBUG asks, as GLib's own
   * writer does. */
  if (g_log_writer_default_would_drop (log_level, domain))
    return G_LOG_WRITER_HANDLED;

  line = g_log_writer_format_fields (log_level, fields, n_fields,
                                     g_log_writer_supports_color (fileno (stderr)));
  fprintf (stderr, "%s\n", line);
  fflush (stderr);
  return G_LOG_WRITER_HANDLED;
}

/* An output path a run can write to: its folder exists and takes new
 * files, and it is not itself a folder. Checked before training, so that a
 * typo does not cost the whole run. */
static gboolean
check_output_path (const char  *option,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  GFileType type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL);

  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   _("%s %s: that is a folder, not a file"), option, path);
      return FALSE;
    }
  /* Files are written beside the target and renamed over it, so that a
   * crash never leaves half a file: a device or a pipe cannot be replaced. */
  if (type == G_FILE_TYPE_SPECIAL)
    {
      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   _("%s %s: that is a device or a pipe, not a regular file"), option, path);
      return FALSE;
    }
  if (parent == NULL)
    return TRUE;
  info = g_file_query_info (parent,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *folder = g_file_get_parse_name (parent);

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   _("%s %s: the folder %s does not exist"), option, path, folder);
      return FALSE;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE)
      && !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE))
    {
      g_autofree char *folder = g_file_get_parse_name (parent);

      g_set_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT,
                   _("%s %s: the folder %s cannot be written to"), option, path, folder);
      return FALSE;
    }
  return TRUE;
}

static int
fail (const char *what,
      GError     *error,
      int         status)
{
  fprintf (stderr, "latent-space: %s%s\n", what != NULL ? what : "", error->message);
  return status;
}

/* The command line's options, storing into options. One table serves the
 * parse and the application's --help, which lists them too. */
static GOptionEntry *
make_entries (Options *options)
{
  const GOptionEntry entries[] = {
    { "headless", 0, 0, G_OPTION_ARG_NONE, &options->headless,
      N_("Train without a window"), NULL },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &options->data_path,
      N_("Data to train on: IDX images (.gz too), a CSV/TSV matrix or a folder of images (default: the bundled digits)"),
      N_("FILE") },
    { "labels", 0, 0, G_OPTION_ARG_FILENAME, &options->labels_path,
      N_("Labels for --data, to score the clusters (IDX labels or one per line)"), N_("FILE") },
    { "image-size", 0, 0, G_OPTION_ARG_INT, &options->image_size,
      N_("A folder of images: the side they are resized to, 8 to 256 (default 32)"), N_("N") },
    { "label-column", 0, 0, G_OPTION_ARG_STRING, &options->label_column,
      N_("The column of a CSV file that holds the labels (default: found by its name or its "
         "text)"), N_("NAME") },
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &options->dataset_id,
      N_("A built-in dataset: digits (the default), faces, genotypes; “list” describes them"), N_("NAME") },
    { "epochs", 0, 0, G_OPTION_ARG_INT, &options->epochs,
      N_("Passes over the data (default 40: both phases)"), N_("N") },
    { "reconstruction-epochs", 0, 0, G_OPTION_ARG_INT, &options->reconstruction_epochs,
      N_("Epochs of reconstruction before the grouping phase (default 20)"), N_("N") },
    { "grouping-epochs", 0, 0, G_OPTION_ARG_INT, &options->grouping_epochs,
      N_("Epochs of the grouping phase, 0 for none (default 20)"), N_("N") },
    { "grouping-weight", 0, 0, G_OPTION_ARG_DOUBLE, &options->grouping_weight,
      N_("Weight of the grouping loss beside reconstruction, 0 to 1000 (default 10)"),
      N_("W") },
    { "neighbours", 0, 0, G_OPTION_ARG_INT, &options->neighbours,
      N_("Nearest neighbours per sample in the grouping graph, 1 to 100 (default 15)"),
      N_("K") },
    { "layers", 0, 0, G_OPTION_ARG_STRING, &options->layers,
      N_("Hidden layer sizes of the encoder (default 512,256)"), N_("SIZES") },
    { "latent", 0, 0, G_OPTION_ARG_INT, &options->latent,
      N_("Size of the latent code (default 10)"), N_("D") },
    { "activation", 0, 0, G_OPTION_ARG_STRING, &options->activation,
      N_("Hidden activation: relu, leaky-relu, tanh, sigmoid or linear (default relu)"),
      N_("NAME") },
    { "k", 0, 0, G_OPTION_ARG_INT, &options->k,
      N_("Number of clusters (default 10)"), N_("K") },
    { "batch", 0, 0, G_OPTION_ARG_INT, &options->batch,
      N_("Minibatch size (default 256)"), N_("B") },
    { "lr", 0, 0, G_OPTION_ARG_DOUBLE, &options->lr,
      N_("Adam learning rate (default 0.001)"), N_("X") },
    { "noise", 0, 0, G_OPTION_ARG_DOUBLE, &options->noise,
      N_("Fraction of inputs zeroed while training, 0 to 0.95 (default 0)"), N_("P") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &options->seed,
      N_("Random seed; the same seed and one thread repeat a run exactly (default 1)"),
      N_("S") },
    { "threads", 0, 0, G_OPTION_ARG_INT, &options->threads,
      N_("OpenBLAS threads, 0 for one per core (default 0)"), N_("T") },
    { "max-points", 0, 0, G_OPTION_ARG_INT, &options->max_points,
      N_("Samples encoded and clustered (default 10000)"), N_("N") },
    { "export-latents", 0, 0, G_OPTION_ARG_FILENAME, &options->export_latents,
      N_("Write each sample’s cluster, projection and code to a CSV file"), N_("FILE") },
    { "export-plot", 0, 0, G_OPTION_ARG_FILENAME, &options->export_plot,
      N_("Draw the scatter plot into a .png, .svg or .pdf file"), N_("FILE") },
    { "plot-size", 0, 0, G_OPTION_ARG_STRING, &options->plot_size,
      N_("Size of --export-plot in pixels (PNG) or points (SVG, PDF) "
         "(default 1600x1120, or 800x560 for SVG and PDF)"), N_("WxH") },
    { "save-model", 0, 0, G_OPTION_ARG_FILENAME, &options->save_model,
      N_("Save the trained model"), N_("FILE") },
    { "load-model", 0, 0, G_OPTION_ARG_FILENAME, &options->load_model,
      N_("Start from a saved model (its layer sizes win over --layers and --latent)"),
      N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      N_("Print one JSON object with the results on standard output"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &options->quiet,
      N_("Print no progress"), NULL },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

char *
latent_headless_describe_options (void)
{
  g_auto(Options) options = { 0 };
  g_autofree GOptionEntry *entries = make_entries (&options);
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autofree char *help = NULL;
  const char *section;
  GOptionGroup *group = g_option_group_new ("headless", _("Options with --headless:"),
                                            _("Show the options of a run without a window"),
                                            NULL, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  g_option_context_add_group (context, group);
  help = g_option_context_get_help (context, FALSE, group);
  /* Past GOptionContext's own "Usage:" paragraph: the caller has one. */
  section = strstr (help, "\n\n");
  return g_strdup (section != NULL ? section + 2 : help);
}

int
latent_headless_main (int    argc,
                      char **argv)
{
  g_auto(Options) options = {
    .epochs = UNSET_INT, .latent = UNSET_INT, .k = UNSET_INT, .batch = UNSET_INT,
    .lr = UNSET_DOUBLE, .noise = UNSET_DOUBLE, .seed = UNSET_INT64, .threads = UNSET_INT,
    .max_points = UNSET_INT, .reconstruction_epochs = UNSET_INT, .grouping_epochs = UNSET_INT,
    .grouping_weight = UNSET_DOUBLE, .neighbours = UNSET_INT, .image_size = UNSET_INT,
  };
  g_autofree GOptionEntry *entries = make_entries (&options);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LatentDataset) dataset = NULL;
  g_autoptr(LatentSnapshot) snapshot = NULL;
  g_autoptr(LatentRawView) raw = NULL;
  g_autoptr(GError) error = NULL;
  LatentSession *session = NULL;
  const LatentBuiltinDataset *builtin;
  LatentSettings settings;
  PlotRequest plot = { 0 };
  gboolean on_terminal;
  gint64 start;
  int status = 0;

  g_log_set_writer_func (write_log_to_stderr, NULL, NULL);
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Train an autoencoder without a window, cluster its codes and "
                                  "report how well the clusters match the labels."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (NULL, error, EXIT_BAD_INPUT);
  if (argc > 1)
    {
      fprintf (stderr, "latent-space: %s “%s”\n", _("unexpected argument"), argv[1]);
      return EXIT_BAD_INPUT;
    }

  if (g_strcmp0 (options.dataset_id, "list") == 0)
    {
      print_builtin_datasets ();
      return 0;
    }
  builtin = latent_builtin_find (options.dataset_id != NULL ? options.dataset_id : "digits");
  if (builtin == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("--dataset: no built-in dataset “%s” "
                                                    "(latent-space --headless --dataset list "
                                                    "names them)"), options.dataset_id);

      fprintf (stderr, "latent-space: %s\n", message);
      return EXIT_BAD_INPUT;
    }
  if (options.label_column != NULL && options.data_path == NULL)
    {
      fprintf (stderr, "latent-space: %s\n",
               _("--label-column names a column of the --data file; there is none"));
      return EXIT_BAD_INPUT;
    }
  if (options.dataset_id != NULL && (options.data_path != NULL || options.labels_path != NULL))
    {
      fprintf (stderr, "latent-space: %s\n",
               _("--dataset picks a built-in dataset; it cannot go with --data or --labels"));
      return EXIT_BAD_INPUT;
    }

  start = g_get_monotonic_time ();
  latent_settings_init_default (&settings);
  /* A built-in set asks for one cluster per class unless told otherwise. */
  if (options.data_path == NULL)
    settings.k = builtin->n_classes;
  if (!apply_options (&options, &settings, &error))
    return fail (NULL, error, EXIT_BAD_INPUT);

  if ((options.export_latents != NULL
       && !check_output_path ("--export-latents", options.export_latents, &error))
      || (options.save_model != NULL
          && !check_output_path ("--save-model", options.save_model, &error))
      || (options.export_plot != NULL
          && (!parse_plot_request (&options, &plot, &error)
              || !check_output_path ("--export-plot", options.export_plot, &error))))
    return fail (NULL, error, EXIT_BAD_INPUT);
  if (options.plot_size != NULL && options.export_plot == NULL)
    {
      fprintf (stderr, "latent-space: %s\n", _("--plot-size sets the size of --export-plot; "
                                                "there is none"));
      return EXIT_BAD_INPUT;
    }

  dataset = load_dataset (&options, builtin, &error);
  if (dataset == NULL)
    return fail (NULL, error, EXIT_BAD_INPUT);
  if (latent_dataset_get_warning (dataset) != NULL)
    fprintf (stderr, "latent-space: %s %s\n", _("warning:"), latent_dataset_get_warning (dataset));
  if (latent_dataset_get_note (dataset) != NULL && !options.quiet)
    fprintf (stderr, "latent-space: %s\n", latent_dataset_get_note (dataset));

  latent_blas_set_threads (settings.threads);

  if (options.load_model != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options.load_model);
      g_autofree char *name = g_file_get_basename (file);
      LatentDataShape shape = { 0 };
      LatentAutoencoder *model = latent_model_load (file, &shape, NULL, &error);

      if (model == NULL)
        return fail (NULL, error, EXIT_BAD_INPUT);
      check_model_fits_data (name, &shape, dataset);
      latent_data_shape_clear (&shape);
      session = latent_session_new_with_model (dataset, &settings, model, &error);
      if (session == NULL)
        g_prefix_error (&error, "%s: ", name);
    }
  else
    session = latent_session_new (dataset, &settings, &error);
  if (session == NULL)
    return fail (NULL, error, EXIT_BAD_INPUT);

  on_terminal = !options.quiet && isatty (STDERR_FILENO);
  status = train (session, &settings, options.quiet, on_terminal);
  if (status != 0)
    {
      latent_session_free (session);
      return status;
    }

  /* The final clustering gets ten fresh k-means++ restarts besides the
   * warm start: the result that is reported should not hang on one seed. */
  snapshot = latent_session_make_snapshot_with_restarts (session, 10);
  if (!options.quiet && settings.epochs > 0)
    print_epoch_line (snapshot, settings.epochs, on_terminal);

  /* k-means on the raw inputs, with the same k, seed and points, for the
   * comparison the JSON and the export make. A failure there (memory) loses
   * only that comparison. */
  if (options.json || options.export_latents != NULL)
    {
      raw = latent_raw_view_compute (dataset, latent_session_get_settings (session), NULL, &error);
      if (raw == NULL)
        {
          fprintf (stderr, "latent-space: %s %s\n", _("warning:"), error->message);
          g_clear_error (&error);
        }
    }

  /* A write that fails still leaves the others to do, and the results to
   * print: the run is not lost for one bad file. */
  if (options.export_latents != NULL && !export_latents (snapshot, raw, options.export_latents, &error))
    {
      status = fail (NULL, error, 1);
      g_clear_error (&error);
    }
  if (options.export_plot != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options.export_plot);

      if (!latent_plot_export_snapshot (snapshot, file, plot.format, plot.width, plot.height,
                                        &error))
        {
          status = fail (NULL, error, 1);
          g_clear_error (&error);
        }
    }
  if (options.save_model != NULL && !save_model (session, options.save_model, &error))
    {
      status = fail (NULL, error, 1);
      g_clear_error (&error);
    }
  if (options.json)
    print_json (snapshot, raw, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  latent_session_free (session);
  return status;
}
