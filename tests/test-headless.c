/* test-headless.c — `latent-space --headless`, run as a person would run it
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "latent-model-file.h"
#include "latent-raw-view.h"
#include "latent-test-util.h"

/* A small network and a subset of the digits keep each run to seconds. */
#define SMALL_RUN "--headless", "--layers", "64", "--latent", "4", "--batch", "128", \
                  "--max-points", "2000", "--threads", "1"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_exe (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *exe = g_getenv ("LATENT_SPACE_EXE");
  const char *arg;
  va_list args;
  int wait_status;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

/* The number after "name": in a flat JSON object, NAN for null. */
static double
json_number (const char *json,
             const char *name)
{
  g_autofree char *key = g_strdup_printf ("\"%s\":", name);
  const char *at = strstr (json, key);

  g_assert_nonnull (at);
  at += strlen (key);
  if (g_str_has_prefix (at, "null"))
    return NAN;
  return g_ascii_strtod (at, NULL);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (; *text != '\0'; text++)
    n += *text == '\n';
  return n;
}

static void
test_short_run_on_bundled_digits (void)
{
  g_auto(Run) run = { 0 };
  const char *keys[] = { "epochs", "samples", "seconds", "samples_per_second", "gflops",
                         "loss", "acc", "nmi", "ari", "raw_acc", "raw_nmi", "raw_ari",
                         "raw_seconds" };

  run_exe (&run, SMALL_RUN, "--epochs", "2", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* stdout holds exactly one JSON object, on one line. */
  g_assert_true (g_str_has_prefix (run.out, "{"));
  g_assert_true (g_str_has_suffix (run.out, "}\n"));
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (strstr (run.out, keys[i]));

  g_assert_cmpfloat (json_number (run.out, "epochs"), ==, 2);
  g_assert_cmpfloat (json_number (run.out, "samples"), >=, 2 * 9000);
  g_assert_cmpfloat (json_number (run.out, "acc"), >, 0.2);
  g_assert_cmpfloat (json_number (run.out, "acc"), <=, 1.0);
  g_assert_cmpfloat (json_number (run.out, "nmi"), >, 0.1);
  g_assert_true (isfinite (json_number (run.out, "ari")));
  g_assert_cmpfloat (json_number (run.out, "loss"), >, 0.0);
  /* k-means on the raw pixels finds some digits, far from all. */
  g_assert_cmpfloat (json_number (run.out, "raw_acc"), >, 0.35);
  g_assert_cmpfloat (json_number (run.out, "raw_acc"), <, 0.8);
  g_assert_cmpfloat (json_number (run.out, "raw_nmi"), >, 0.2);
  g_assert_true (isfinite (json_number (run.out, "raw_ari")));

  /* Progress went to stderr, one line per epoch when it is not a terminal. */
  g_assert_nonnull (strstr (run.err, "epoch 1/2"));
  g_assert_nonnull (strstr (run.err, "epoch 2/2"));
}

static void
test_unlabelled_data_reports_null_scores (void)
{
  g_autofree char *dir = latent_test_make_dir ();
  g_autoptr(GString) csv = g_string_new ("a,b,c,d\n");
  g_autofree char *path = NULL;
  g_auto(Run) run = { 0 };

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (csv, "%u,%u,%g,%g\n", i % 3, (i * 7) % 5, i * 0.5, (i % 11) * 0.25);
  path = latent_test_write_file (dir, "features.csv", csv->str, csv->len);

  run_exe (&run, "--headless", "--data", path, "--layers", "8", "--latent", "2", "--k", "3",
           "--epochs", "2", "--batch", "32", "--json", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"acc\":null"));
  g_assert_nonnull (strstr (run.out, "\"nmi\":null"));
  g_assert_nonnull (strstr (run.out, "\"ari\":null"));
  g_assert_nonnull (strstr (run.out, "\"raw_acc\":null"));
  g_assert_nonnull (strstr (run.out, "\"raw_nmi\":null"));
  g_assert_nonnull (strstr (run.out, "\"raw_ari\":null"));
  g_assert_cmpstr (run.err, ==, "");

  latent_test_remove_dir (dir);
}

static void
test_bad_input_exits_2_naming_the_problem (void)
{
  g_autofree char *dir = latent_test_make_dir ();
  g_autofree char *empty = latent_test_write_file (dir, "empty.csv", "", 0);
  g_autofree char *garbage = latent_test_write_file (dir, "garbage.idx", "\x00\x00\x08\x03zz", 6);
  g_autofree char *bad_model = latent_test_write_file (dir, "model.lsm", "not a model", 11);
  g_autofree char *missing = g_build_filename (dir, "no-such-file.csv", NULL);
  g_autofree char *data_option = g_strconcat ("--data=", empty, NULL);
  struct { const char *args[4]; const char *expect; } cases[] = {
    /* Files are named by the path given, not by their basename alone. */
    { { "--data", missing }, missing },
    { { "--data", empty }, empty },
    { { "--data", garbage }, garbage },
    { { "--data", dir }, dir },
    { { "--data", "/dev/null" }, "latent-space: /dev/null: the file is empty" },
    { { "--load-model", bad_model }, bad_model },
    { { "--layers", "500,abc" }, "abc" },
    { { "--k", "0" }, "clusters" },
    { { "--epochs", "-3" }, "--epochs" },
    { { "--epochs", "-1" }, "--epochs" },
    { { "--seed", "-1" }, "--seed" },
    { { "--lr", "-1" }, "learning rate" },
    { { "--lr", "nan" }, "learning rate" },
    { { "--batch", "0" }, "batch size" },
    { { "--activation", "swish" }, "swish" },
    { { "--grouping-weight", "-2" }, "grouping weight" },
    { { "--grouping-weight", "inf" }, "grouping weight" },
    { { "--neighbours", "0" }, "neighbours" },
    { { "--neighbours", "101" }, "neighbours" },
    { { "--grouping-epochs", "-1" }, "--grouping-epochs" },
    { { "--reconstruction-epochs", "-5" }, "--reconstruction-epochs" },
    { { "--dataset", "nope" }, "nope" },
    { { "--data", dir, "--image-size=1000" }, "--image-size must be 8 to 256" },
    /* Results replace their file through a rename: a device cannot take one. */
    { { "--export-latents", "/dev/null" }, "not a regular file" },
    { { "--dataset", "faces", data_option }, "--dataset" },
    { { "--no-such-option" }, "no-such-option" },
    { { "stray-argument" }, "stray-argument" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_exe (&run, "--headless", "--epochs", "1", "--quiet",
               cases[i].args[0], cases[i].args[1], cases[i].args[2], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      /* One line, which says what is wrong and with what. */
      g_assert_true (g_str_has_prefix (run.err, "latent-space: "));
      g_assert_true (g_str_has_suffix (run.err, "\n"));
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_nonnull (strstr (run.err, cases[i].expect));
    }

  latent_test_remove_dir (dir);
}

static void
test_save_load_and_export (void)
{
  g_autofree char *dir = latent_test_make_dir ();
  g_autofree char *model = g_build_filename (dir, "digits.lsm", NULL);
  g_autofree char *latents = g_build_filename (dir, "latents.csv", NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *grouped_latents = g_build_filename (dir, "grouped.csv", NULL);
  g_autofree char *grouped_csv = NULL;
  g_auto(Run) trained = { 0 };
  g_auto(Run) loaded = { 0 };
  g_auto(Run) grouped = { 0 };

  run_exe (&trained, SMALL_RUN, "--epochs", "1", "--json", "--quiet", "--save-model", model,
           NULL);
  g_assert_cmpint (trained.status, ==, 0);
  g_assert_true (g_file_test (model, G_FILE_TEST_IS_REGULAR));

  /* The loaded model's shape wins over the default layers; no training. */
  run_exe (&loaded, "--headless", "--load-model", model, "--epochs", "0", "--json", "--quiet",
           "--max-points", "2000", "--threads", "1", "--export-latents", latents, NULL);
  g_assert_cmpint (loaded.status, ==, 0);
  g_assert_cmpfloat (fabs (json_number (loaded.out, "acc") - json_number (trained.out, "acc")),
                     <, 0.05);

  g_assert_true (g_file_get_contents (latents, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2000 + 2);  /* header, rows, final "" */
  /* Before the grouping phase the codes shown are scaled and smoothed over
   * neighbours, and the header says so; after it they are the encoder's. */
  g_assert_cmpstr (lines[0], ==,
                   "index,label,cluster,pc1,pc2,raw_pc1,raw_pc2,"
                   "smoothed_z1,smoothed_z2,smoothed_z3,smoothed_z4");
  g_assert_true (g_str_has_prefix (lines[1], "0,"));

  /* The raw_pc columns are the raw-data view's plane, as the engine makes it. */
  {
    g_autoptr(LatentDataset) digits = latent_dataset_load_bundled (NULL);
    g_autoptr(LatentRawView) view = NULL;
    g_auto(GStrv) fields = g_strsplit (lines[1], ",", -1);
    LatentSettings settings;

    latent_settings_init_default (&settings);
    settings.max_points = 2000;
    view = latent_raw_view_compute (digits, &settings, NULL, NULL);
    g_assert_nonnull (view);
    g_assert_cmpfloat (fabs (g_ascii_strtod (fields[5], NULL) - view->xy[0]), <, 1e-4);
    g_assert_cmpfloat (fabs (g_ascii_strtod (fields[6], NULL) - view->xy[1]), <, 1e-4);
  }

  run_exe (&grouped, SMALL_RUN, "--epochs", "2", "--reconstruction-epochs", "1",
           "--grouping-epochs", "1", "--quiet", "--export-latents", grouped_latents, NULL);
  g_assert_cmpint (grouped.status, ==, 0);
  g_assert_true (g_file_get_contents (grouped_latents, &grouped_csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (grouped_csv,
                                   "index,label,cluster,pc1,pc2,raw_pc1,raw_pc2,z1,z2,z3,z4\n"));

  latent_test_remove_dir (dir);
}

/* A model trained with cross-entropy on [0, 1] pixels cannot continue on
 * data outside [0, 1]: its loss there has no lower bound. */
static void
test_loaded_model_must_fit_the_data (void)
{
  g_autofree char *dir = latent_test_make_dir ();
  g_autofree char *model = g_build_filename (dir, "digits.lsm", NULL);
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_auto(Run) trained = { 0 };
  g_auto(Run) loaded = { 0 };

  run_exe (&trained, SMALL_RUN, "--epochs", "1", "--quiet", "--save-model", model, NULL);
  g_assert_cmpint (trained.status, ==, 0);

  for (guint row = 0; row < 50; row++)
    for (guint column = 0; column < 784; column++)
      g_string_append_printf (csv, "%u%c", (row * column) % 7, column == 783 ? '\n' : ',');
  path = latent_test_write_file (dir, "wide.csv", csv->str, csv->len);

  run_exe (&loaded, "--headless", "--load-model", model, "--data", path, "--k", "3",
           "--epochs", "1", "--quiet", NULL);
  g_assert_cmpint (loaded.status, ==, 2);
  g_assert_nonnull (strstr (loaded.err, "digits.lsm"));
  g_assert_nonnull (strstr (loaded.err, "wide.csv"));

  latent_test_remove_dir (dir);
}

/* On a terminal the progress bar is redrawn in place; its text stays as it
 * was when its units became a separate translatable string. Run under
 * script(1) for a pseudo-terminal; skipped without it. */
static void
test_progress_bar_on_a_terminal (void)
{
  g_autofree char *script = g_find_program_in_path ("script");
  g_autofree char *exe = NULL;
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) bar = NULL;
  int wait_status;

  if (script == NULL)
    {
      g_test_skip ("script(1) is not installed");
      return;
    }

  exe = g_shell_quote (g_getenv ("LATENT_SPACE_EXE"));
  command = g_strdup_printf ("%s --headless --layers 64 --latent 4 --batch 128 "
                             "--max-points 2000 --threads 1 --epochs 2", exe);
  {
    const char *argv[] = { script, "-qec", command, "/dev/null", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &out, NULL, &wait_status, &error);
  }
  g_assert_no_error (error);
  g_test_message ("terminal output: %s", out);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);

  bar = g_regex_new ("\\repoch 1/2 \\[[#-]{30}\\] +[0-9]+%  [0-9]+ samples/s  ", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match (bar, out, 0, NULL));
  /* The epoch's line replaces the bar. */
  g_assert_nonnull (strstr (out, "\r\033[Kepoch 1/2  loss "));

  /* One minibatch an epoch: the bar is drawn after the epoch's last step,
   * and must not count past the last epoch ("epoch 3/2"). */
  {
    g_autofree char *dir = latent_test_make_dir ();
    g_autoptr(GString) csv = g_string_new ("a,b,c\n");
    g_autofree char *path = NULL;
    g_autofree char *small = NULL;
    g_autofree char *small_out = NULL;

    for (guint i = 0; i < 40; i++)
      g_string_append_printf (csv, "%u,%g,%g\n", i % 4, i * 0.1, (i % 7) * 0.3);
    path = latent_test_write_file (dir, "small.csv", csv->str, csv->len);
    small = g_strdup_printf ("%s --headless --data %s --layers 4 --latent 2 --k 2 --batch 64 "
                             "--threads 1 --epochs 2", exe, path);
    {
      const char *argv[] = { script, "-qec", small, "/dev/null", NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                    &small_out, NULL, &wait_status, &error);
    }
    g_assert_no_error (error);
    g_test_message ("terminal output: %s", small_out);
    g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
    g_assert_nonnull (strstr (small_out, "epoch 2/2 ["));
    g_assert_null (strstr (small_out, "epoch 3/2"));
    latent_test_remove_dir (dir);
  }
}

/* Output paths are checked before any training: a missing folder costs
 * nothing but the message, and exits 2. */
static void
test_output_paths_checked_first (void)
{
  g_autofree char *dir = latent_test_make_dir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "latents.csv", NULL);
  g_autofree char *model = g_build_filename (dir, "no-such-folder", "model.lsm", NULL);
  g_auto(Run) export_run = { 0 };
  g_auto(Run) model_run = { 0 };
  g_auto(Run) folder_run = { 0 };

  run_exe (&export_run, "--headless", "--epochs", "1000", "--export-latents", missing, "--json",
           NULL);
  g_assert_cmpint (export_run.status, ==, 2);
  g_assert_nonnull (strstr (export_run.err, "--export-latents"));
  g_assert_nonnull (strstr (export_run.err, "no-such-folder"));
  g_assert_cmpstr (export_run.out, ==, "");

  run_exe (&model_run, "--headless", "--epochs", "1000", "--save-model", model, NULL);
  g_assert_cmpint (model_run.status, ==, 2);
  g_assert_nonnull (strstr (model_run.err, "--save-model"));

  run_exe (&folder_run, "--headless", "--epochs", "1000", "--save-model", dir, NULL);
  g_assert_cmpint (folder_run.status, ==, 2);
  g_assert_nonnull (strstr (folder_run.err, "folder"));
  /* Exit 2 is bad usage, found before training; a write failing after the
   * 1,000 epochs would have exited 1. */
  latent_test_remove_dir (dir);
}

static void
limit_memory (gpointer data)
{
  struct rlimit limit = { 3ul << 30, 3ul << 30 };

  setrlimit (RLIMIT_AS, &limit);
}

/* Settings whose minibatches do not fit in memory are refused with a
 * message (exit 2), not killed by an abort: here 65,536 samples through
 * layers of 16,384 units, about 18 GB of scratch, under a 3 GB limit. */
static void
test_batch_too_large_for_memory (void)
{
  const char *argv[] = { g_getenv ("LATENT_SPACE_EXE"), "--headless", "--layers", "16384",
                         "--batch", "65536", "--epochs", "1", "--quiet", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status;

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer reserves more address space than the limit allows");
  return;
#endif
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, limit_memory, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 2);
  g_assert_nonnull (strstr (err, "Not enough memory"));
  g_assert_nonnull (strstr (err, "batch"));
}

/* How the file was read is said on stderr: which column gave the labels;
 * -q keeps it quiet. */
static void
test_label_column_is_named (void)
{
  g_autofree char *dir = latent_test_make_dir ();
  g_autoptr(GString) csv = g_string_new ("x,label,y2\n");
  g_autofree char *path = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) quiet = { 0 };

  /* The label column in the middle, holding words. */
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (csv, "%g,%s,%g\n", i * 0.1, i % 2 ? "cat" : "dog", (i % 5) * 0.2);
  path = latent_test_write_file (dir, "middle.csv", csv->str, csv->len);

  run_exe (&run, "--headless", "--data", path, "--layers", "4", "--latent", "2", "--k", "2",
           "--epochs", "1", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "labels from column “label”"));
  g_assert_true (isfinite (json_number (run.out, "acc")));

  run_exe (&quiet, "--headless", "--data", path, "--layers", "4", "--latent", "2", "--k", "2",
           "--epochs", "1", "--quiet", NULL);
  g_assert_cmpint (quiet.status, ==, 0);
  g_assert_null (strstr (quiet.err, "labels from column"));

  /* Or chosen: then "label" is one more column of values. */
  {
    g_auto(Run) chosen = { 0 };
    g_auto(Run) wrong = { 0 };

    run_exe (&chosen, "--headless", "--data", path, "--label-column", "y2", "--layers", "4",
             "--latent", "2", "--k", "2", "--epochs", "1", "--json", NULL);
    g_assert_cmpint (chosen.status, ==, 0);  /* "label" holds words: left out */
    g_assert_nonnull (strstr (chosen.err, "column “label” holds text and is left out"));

    run_exe (&wrong, "--headless", "--data", path, "--label-column", "colour", "--quiet", NULL);
    g_assert_cmpint (wrong.status, ==, 2);
    g_assert_nonnull (strstr (wrong.err, "no column is named “colour”"));
  }
  latent_test_remove_dir (dir);
}

/* Counts are whole numbers in the JSON, however large. */
static void
test_json_counts_are_whole (void)
{
  g_autofree char *dir = latent_test_make_dir ();
  g_autoptr(GString) csv = g_string_new ("a,b\n");
  g_autofree char *path = NULL;
  g_auto(Run) run = { 0 };

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (csv, "%g,%g\n", i * 0.1, (i % 3) * 0.5);
  path = latent_test_write_file (dir, "twenty.csv", csv->str, csv->len);
  /* 20 samples × 61,667 epochs = 1,233,340 samples. */
  run_exe (&run, "--headless", "--data", path, "--layers", "2", "--latent", "2", "--k", "2",
           "--batch", "20", "--threads", "1", "--epochs", "61667", "--grouping-epochs", "0",
           "--json", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"epochs\":61667,"));
  g_assert_nonnull (strstr (run.out, "\"samples\":1233340,"));
  latent_test_remove_dir (dir);
}

/* With every debug message switched on, stdout still holds only the JSON:
 * the log goes to stderr. */
static void
test_debug_log_goes_to_stderr (void)
{
  g_auto(Run) run = { 0 };

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  run_exe (&run, SMALL_RUN, "--epochs", "1", "--json", "--quiet", NULL);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "{"));
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  /* The debug lines were written, only not to stdout. */
  g_assert_nonnull (strstr (run.err, "DEBUG"));
}

/* --dataset list names the built-in sets; --dataset faces trains on the
 * drawn faces with one cluster per expression. */
static void
test_builtin_datasets (void)
{
  g_auto(Run) list = { 0 };
  g_auto(Run) faces = { 0 };

  run_exe (&list, "--headless", "--dataset", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_str_has_prefix (list.out, "digits "));
  g_assert_nonnull (strstr (list.out, "\nfaces "));
  g_assert_nonnull (strstr (list.out, "not photographs"));

  run_exe (&faces, "--headless", "--dataset", "faces", "--layers", "64", "--latent", "4",
           "--max-points", "1000", "--epochs", "2", "--threads", "1", "--json", "--quiet",
           NULL);
  g_assert_cmpint (faces.status, ==, 0);
  g_assert_cmpfloat (json_number (faces.out, "samples"), ==, 2 * 6000);
  /* Five clusters for five expressions: ACC is above what ten would allow
   * only with k = 5 matched one to one (at most 0.5 with ten clusters). */
  g_assert_cmpfloat (json_number (faces.out, "acc"), >, 0.2);
  g_assert_true (isfinite (json_number (faces.out, "raw_acc")));
  /* The faces have no places: no map to compare with. */
  g_assert_nonnull (strstr (faces.out, "\"map_correlation\":null"));

  /* The genotypes have: their raw principal plane redraws the map. */
  {
    g_auto(Run) genotypes = { 0 };

    run_exe (&genotypes, "--headless", "--dataset", "genotypes", "--epochs", "0", "--json",
             "--quiet", "--threads", "1", NULL);
    g_assert_cmpint (genotypes.status, ==, 0);
    g_assert_cmpfloat (json_number (genotypes.out, "raw_map_correlation"), >=, 0.9);
    g_assert_true (isfinite (json_number (genotypes.out, "map_correlation")));
  }
}

/* A folder of images trains like any data, classes from its subfolders. */
static void
test_image_folder (void)
{
  g_autofree char *dir = latent_test_make_dir ();
  g_auto(Run) run = { 0 };

  for (guint c = 0; c < 2; c++)
    {
      g_autofree char *folder = g_build_filename (dir, c == 0 ? "dark" : "light", NULL);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      for (guint i = 0; i < 10; i++)
        {
          g_autoptr(GdkPixbuf) image = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 20, 20);
          g_autofree char *name = g_strdup_printf ("%u.png", i);
          g_autofree char *path = g_build_filename (folder, name, NULL);

          gdk_pixbuf_fill (image, c == 0 ? 0x10101000 + i : 0xf0f0f000 - (i << 8));
          g_assert_true (gdk_pixbuf_save (image, path, "png", NULL, NULL));
        }
    }
  run_exe (&run, "--headless", "--data", dir, "--image-size", "12", "--layers", "8",
           "--latent", "2", "--k", "2", "--epochs", "2", "--batch", "8", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "20 images, turned grey at 12 × 12; 2 classes"));
  g_assert_cmpfloat (json_number (run.out, "raw_acc"), ==, 1.0);
  latent_test_remove_dir (dir);
}

/* A folder of face photos (made by make-face-photos: JPEGs on papers and
 * in inks of their own, framed wide or tall, with noise) groups by
 * expression after training far better than k-means on their pixels. */
static void
test_face_photos (void)
{
  g_autofree char *dir = latent_test_make_dir ();
  const char *make[] = { g_getenv ("LATENT_FACE_PHOTOS_EXE"), dir, "200", NULL };
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  int status;

  g_assert_nonnull (make[0]);
  g_spawn_sync (NULL, (char **) make, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  run_exe (&run, "--headless", "--data", dir, "--k", "5", "--layers", "128", "--latent", "8",
           "--batch", "64", "--threads", "1", "--json", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_test_message ("ACC %.3f against %.3f on the pixels", json_number (run.out, "acc"),
                  json_number (run.out, "raw_acc"));
  g_assert_cmpfloat (json_number (run.out, "samples"), ==, 40 * 1000);
  g_assert_cmpfloat (json_number (run.out, "acc"), >, json_number (run.out, "raw_acc") + 0.15);
  latent_test_remove_dir (dir);
}

/* latent-space --help lists the options of a run without a window too. */
static void
test_help_lists_headless_options (void)
{
  g_auto(Run) run = { 0 };

  run_exe (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--dataset=NAME"));
  g_assert_nonnull (strstr (run.out, "Options with --headless:"));
  g_assert_nonnull (strstr (run.out, "--export-latents=FILE"));
  g_assert_nonnull (strstr (run.out, "--label-column=NAME"));
  g_assert_null (strstr (run.out, "(null)"));
}

/* A learning rate far too high: exit 1 naming the problem, no result. */
static void
test_divergence_exits_1 (void)
{
  g_auto(Run) run = { 0 };

  run_exe (&run, SMALL_RUN, "--lr", "0.5", "--activation", "linear", "--epochs", "3", "--json",
           NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "Training diverged"));
  g_assert_nonnull (strstr (run.err, "--lr"));
  g_assert_null (strstr (run.err, "nan"));
}

/* Whether text is the whole CSV of n points: a header and n lines. */
static gboolean
is_whole_csv (const char *text,
              guint       n_points)
{
  return g_str_has_prefix (text, "index,") && g_str_has_suffix (text, "\n")
         && count_lines (text) == n_points + 1;
}

/* A run killed at any moment, also while it writes its latents or its
 * model, leaves each file whole: the old one or the new one, never a part,
 * and nothing else in the folder. */
static void
test_save_survives_kill (void)
{
  g_autofree char *dir = latent_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "model.lsm", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "latents.csv", NULL);
  g_autofree char *old_csv = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *exe = g_getenv ("LATENT_SPACE_EXE");
  /* From before the save to (on this machine, about 0.9 s in) during and
   * after it. */
  const gulong delays_ms[] = { 100, 300, 500, 650, 750, 850, 950, 1100, 1400, 2500 };
  guint n_new = 0;
  guint n_new_csv = 0;
  gboolean unnamed = latent_test_makes_unnamed_files (dir);
  g_auto(Run) first = { 0 };

  run_exe (&first, SMALL_RUN, "--epochs", "0", "--quiet", "--save-model", path,
           "--export-latents", csv_path, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &old_csv, NULL, NULL));
  g_assert_true (is_whole_csv (old_csv, 2000));

  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      const char *argv[] = { exe, "--headless", "--epochs", "0", "--layers", "2048,1024",
                             "--latent", "8", "--max-points", "500", "--threads", "1",
                             "--quiet", "--save-model", path, "--export-latents", csv_path,
                             NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) listing = NULL;
      g_autofree char *csv = NULL;
      LatentAutoencoder *model;
      const char *entry;
      GPid pid;
      int wait_status;

      g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                                    NULL, NULL, &pid, &error));
      g_assert_no_error (error);
      g_usleep (delays_ms[i] * 1000);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
      g_spawn_close_pid (pid);

      model = latent_model_load (file, NULL, NULL, &error);
      g_assert_no_error (error);
      n_new += latent_autoencoder_get_architecture (model)->hidden[0] == 2048;
      latent_autoencoder_free (model);

      g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
      if (g_strcmp0 (csv, old_csv) != 0)
        {
          g_assert_true (is_whole_csv (csv, 500));
          n_new_csv++;
        }

      /* The temporary files have no name until they are whole, where the
       * file system allows; elsewhere a kill may leave one behind. */
      listing = g_dir_open (dir, 0, NULL);
      while ((entry = g_dir_read_name (listing)) != NULL)
        g_assert_true (g_str_equal (entry, "model.lsm") || g_str_equal (entry, "latents.csv")
                       || (!unnamed && (g_str_has_prefix (entry, "model.lsm.")
                                        || g_str_has_prefix (entry, "latents.csv."))));
    }
  g_test_message ("%u of %zu kills came after the new model was in place, %u after the "
                  "new latents", n_new, G_N_ELEMENTS (delays_ms), n_new_csv);
  latent_test_remove_dir (dir);
}

/* Whether data[length] holds text anywhere: a PDF's binary streams hold NULs,
 * where strstr() would stop. */
static gboolean
holds_bytes (const char *data,
             gsize       length,
             const char *text)
{
  gsize n = strlen (text);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

/* --export-plot draws the scatter plot without a display, at the size asked,
 * in each format; a bad name or size is refused before anything trains. */
static void
test_export_plot (void)
{
  g_autofree char *dir = latent_test_make_dir ();
  g_autofree char *png = g_build_filename (dir, "plot.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "plot.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "plot.pdf", NULL);
  g_autofree char *text = g_build_filename (dir, "plot.txt", NULL);
  g_autofree char *out = NULL, *err = NULL, *contents = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = {
    g_getenv ("LATENT_SPACE_EXE"), "--headless", "--dataset", "faces", "--layers", "64",
    "--latent", "4", "--max-points", "1000", "--epochs", "1", "--threads", "1", "--quiet",
    "--export-plot", png, "--plot-size", "640x400", NULL
  };
  guint coloured = 0;
  gsize length;
  int status;

  /* No display at all: the plot is drawn with Cairo alone. */
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  pixbuf = gdk_pixbuf_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 640);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 400);
  /* The dots are in the palette's colours, not only greys of the axes. */
  for (int y = 0; y < 400; y++)
    for (int x = 0; x < 640; x++)
      {
        const guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf)
                          + x * gdk_pixbuf_get_n_channels (pixbuf);

        coloured += MAX (MAX (p[0], p[1]), p[2]) - MIN (MIN (p[0], p[1]), p[2]) > 60;
      }
  g_test_message ("%u coloured pixels", coloured);
  g_assert_cmpuint (coloured, >, 1000);

  /* Vectors stay vectors: the SVG holds the legend's names as text. */
  {
    g_auto(Run) vector = { 0 };

    run_exe (&vector, "--headless", "--dataset", "faces", "--layers", "64", "--latent", "4",
             "--max-points", "500", "--epochs", "1", "--threads", "1", "--quiet",
             "--export-plot", svg, NULL);
    g_assert_cmpint (vector.status, ==, 0);
    g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
    g_assert_nonnull (strstr (contents, "<svg"));
    g_assert_nonnull (strstr (contents, "width=\"800pt\" height=\"560pt\""));
    g_clear_pointer (&contents, g_free);
  }
  {
    g_auto(Run) document = { 0 };

    run_exe (&document, SMALL_RUN, "--epochs", "0", "--quiet", "--export-plot", pdf,
             "--plot-size", "300x200", NULL);
    g_assert_cmpint (document.status, ==, 0);
    g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
    g_assert_true (holds_bytes (contents, length, "/MediaBox [ 0 0 300 200 ]"));
  }

  /* Refused before training, each naming what is wrong. */
  {
    static const struct { const char *size; const char *says; } bad[] = {
      { "0x200", "--plot-size must be WIDTHxHEIGHT" },
      { "640", "not “640”" },
      { "640x400px", "not “640x400px”" },
      { "99999x10", "each 1 to 16384" },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto(Run) refused = { 0 };

        run_exe (&refused, "--headless", "--export-plot", png, "--plot-size", bad[i].size, NULL);
        g_assert_cmpint (refused.status, ==, 2);
        g_assert_nonnull (strstr (refused.err, bad[i].says));
      }
  }
  {
    g_auto(Run) wrong_name = { 0 };
    g_auto(Run) no_plot = { 0 };

    run_exe (&wrong_name, "--headless", "--export-plot", text, NULL);
    g_assert_cmpint (wrong_name.status, ==, 2);
    g_assert_nonnull (strstr (wrong_name.err, "must end in .png, .svg or .pdf"));
    g_assert_false (g_file_test (text, G_FILE_TEST_EXISTS));
    run_exe (&no_plot, "--headless", "--plot-size", "640x400", NULL);
    g_assert_cmpint (no_plot.status, ==, 2);
    g_assert_nonnull (strstr (no_plot.err, "there is none"));
  }

  latent_test_remove_dir (dir);
}

typedef struct
{
  const char           *name;
  const char           *option;
  const char           *file_name;
  const char           *failure;   /* the message's start when the write fails */
  LatentTestFolderKind  kind;
} FailingCase;

static const FailingCase failing_cases[] = {
  { "/headless/read-only-folder/latents", "--export-latents", "latents.csv", NULL,
    LATENT_TEST_FOLDER_READ_ONLY },
  { "/headless/read-only-folder/model", "--save-model", "model.lsm", NULL,
    LATENT_TEST_FOLDER_READ_ONLY },
  { "/headless/full-disk/latents", "--export-latents", "latents.csv", "Cannot write the latents to",
    LATENT_TEST_FOLDER_FULL },
  { "/headless/full-disk/model", "--save-model", "model.lsm", "Cannot save the model to",
    LATENT_TEST_FOLDER_FULL },
};

/* A run that writes into a read-only folder is stopped before training, as
 * a typo in the path is; one whose disk fills up while it writes fails
 * naming the file and the reason. Either way the old file stays whole, with
 * nothing beside it. In a child process of its own: the folder is a mount
 * that only it (and the run it starts) sees. */
static void
test_failing_folder (gconstpointer data)
{
  const FailingCase *c = data;
  g_autoptr(LatentTestFailingFolder) folder = NULL;
  g_autofree char *expected = NULL;
  g_auto(Run) run = { 0 };

  if (!latent_test_run_in_child ())
    return;

  /* The latents of 2,000 points and the model are hundreds of kB. */
  folder = latent_test_failing_folder_new (c->kind, c->file_name, NULL, 16384);
  if (folder == NULL)
    return;

  run_exe (&run, SMALL_RUN, "--epochs", "0", "--quiet", c->option, folder->path, NULL);
  if (c->kind == LATENT_TEST_FOLDER_READ_ONLY)
    {
      g_assert_cmpint (run.status, ==, 2);
      expected = g_strdup_printf ("latent-space: %s %s: the folder %s cannot be written to\n",
                                  c->option, folder->path, folder->dir);
    }
  else
    {
      g_assert_cmpint (run.status, ==, 1);
      expected = g_strdup_printf ("latent-space: %s “%s”: %s\n", c->failure, folder->path,
                                  folder->reason);
    }
  g_assert_cmpstr (run.err, ==, expected);
  latent_test_failing_folder_assert_intact (folder);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/headless/short-run", test_short_run_on_bundled_digits);
  g_test_add_func ("/headless/unlabelled", test_unlabelled_data_reports_null_scores);
  g_test_add_func ("/headless/bad-input", test_bad_input_exits_2_naming_the_problem);
  g_test_add_func ("/headless/save-load-export", test_save_load_and_export);
  g_test_add_func ("/headless/model-must-fit", test_loaded_model_must_fit_the_data);
  g_test_add_func ("/headless/progress-bar", test_progress_bar_on_a_terminal);
  g_test_add_func ("/headless/json-counts", test_json_counts_are_whole);
  g_test_add_func ("/headless/label-column-named", test_label_column_is_named);
  g_test_add_func ("/headless/batch-too-large-for-memory", test_batch_too_large_for_memory);
  g_test_add_func ("/headless/output-paths-checked-first", test_output_paths_checked_first);
  g_test_add_func ("/headless/debug-log-on-stderr", test_debug_log_goes_to_stderr);
  g_test_add_func ("/headless/builtin-datasets", test_builtin_datasets);
  g_test_add_func ("/headless/image-folder", test_image_folder);
  g_test_add_func ("/headless/face-photos", test_face_photos);
  g_test_add_func ("/headless/divergence-exits-1", test_divergence_exits_1);
  g_test_add_func ("/headless/save-survives-kill", test_save_survives_kill);
  g_test_add_func ("/headless/export-plot", test_export_plot);
  g_test_add_func ("/headless/help-lists-headless-options", test_help_lists_headless_options);
  for (gsize i = 0; i < G_N_ELEMENTS (failing_cases); i++)
    g_test_add_data_func (failing_cases[i].name, &failing_cases[i], test_failing_folder);

  return g_test_run ();
}
