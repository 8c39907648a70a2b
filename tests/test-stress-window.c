/* test-stress-window.c — a thousand random presses on the real window (needs a display)
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 11's stress cycles, through what a user reaches: the win.* actions
 * (train, pause, step, reset, cancel a load, a built-in dataset), settings
 * applied in the popover, datasets opened from files (often one replacing
 * another that still loads), and now and then the window closed in whatever
 * state it is in and a new one opened. It must end with no crash, no
 * deadlock (each wait is bounded and says what it waited for) and, in the
 * ASan build, no leak. Tiny files and a small network keep a cycle cheap.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "latent-settings-popover.h"
#include "latent-test-gtk.h"
#include "latent-test-util.h"
#include "latent-window-private.h"

#define CYCLES 1000
#define CYCLES_PER_WINDOW 100
#define TIMEOUT_S 60

typedef struct
{
  GRand        *rand;
  GPtrArray    *files;       /* GFile: the datasets the cycles open */
  LatentWindow *window;
  guint         n_windows;
  guint         n_opened;
  guint         n_replaced;  /* opened while another still loaded */
  guint         n_cancelled;
  guint         n_shown;     /* changes of the dataset the snapshots show */
} Stress;

#define wait_for(window, cond, data, what) \
  latent_test_wait_for ((window), (cond), (data), TIMEOUT_S, (what))

/* Every window of this process starts small, with a small network: the memory
 * backend keeps what is set here, and the popover's Apply keeps its own. */
static void
store_small_network (void)
{
  g_autoptr(GSettings) gsettings = g_settings_new (APPLICATION_ID);

  g_settings_set_string (gsettings, "hidden-layers", "32");
  g_settings_set_uint (gsettings, "latent-dim", 2);
  g_settings_set_uint (gsettings, "batch-size", 64);
  g_settings_set_uint (gsettings, "threads", 1);
  /* Fewer pixels for each frame the software renderer draws. */
  g_settings_set_int (gsettings, "window-width", 800);
  g_settings_set_int (gsettings, "window-height", 600);
}

/* Small datasets of each kind the window opens, and one it refuses. */
static void
write_datasets (Stress     *st,
                const char *dir)
{
  g_autoptr(GString) wide = g_string_new ("a,b,c,d,e,f\n");
  g_autoptr(GString) narrow = g_string_new ("x,y,z\n");
  g_autoptr(GByteArray) idx = g_byte_array_new ();
  static const guint8 idx_header[] = {
    0, 0, 0x08, 3,  0, 0, 0, 40,  0, 0, 0, 8,  0, 0, 0, 8,
  };
  static const char ragged[] = "a,b\n1,2\n3\n";
  g_autofree char *path = NULL;

  for (int i = 0; i < 60; i++)
    g_string_append_printf (wide, "%d,%d,%d,%d,%d,%.2f\n", i % 7, i % 3, (i * 5) % 11,
                            i / 6, (i * i) % 13, g_rand_double (st->rand));
  for (int i = 0; i < 30; i++)
    g_string_append_printf (narrow, "%.3f,%.3f,%d\n", g_rand_double (st->rand),
                            g_rand_double (st->rand), i % 4);
  g_byte_array_append (idx, idx_header, sizeof idx_header);
  for (int i = 0; i < 40 * 8 * 8; i++)
    {
      guint8 ink = (guint8) g_rand_int (st->rand);

      g_byte_array_append (idx, &ink, 1);
    }

#define ADD_FILE(name, data, length) \
  G_STMT_START { \
    path = latent_test_write_file (dir, (name), (data), (length)); \
    g_ptr_array_add (st->files, g_file_new_for_path (path)); \
    g_clear_pointer (&path, g_free); \
  } G_STMT_END
  ADD_FILE ("wide.csv", wide->str, wide->len);
  ADD_FILE ("narrow.csv", narrow->str, narrow->len);
  ADD_FILE ("tiny-images-idx3-ubyte", idx->data, idx->len);
  ADD_FILE ("ragged.csv", ragged, sizeof ragged - 1);
#undef ADD_FILE
}

static void
open_new_window (Stress *st)
{
  st->window = latent_window_new (NULL);
  gtk_window_present (GTK_WINDOW (st->window));
  g_assert_nonnull (latent_window_get_trainer (st->window));
  st->n_windows++;
  wait_for (st->window, latent_test_has_snapshot, NULL, "a new window's first snapshot");
}

/* The popover's Apply and Reset with other settings, or with a layer list
 * it must refuse (then nothing changes). */
static void
apply_settings (Stress *st)
{
  LatentTrainer *trainer = latent_window_get_trainer (st->window);
  LatentSettingsPopover *popover =
    LATENT_SETTINGS_POPOVER (latent_window_get_settings_popover (st->window));
  LatentSettings settings = *latent_trainer_get_settings (trainer);
  LatentSettings before = settings;
  GtkWidget *apply = latent_test_find_apply_button (GTK_WIDGET (popover));
  gboolean absurd = g_rand_int_range (st->rand, 0, 5) == 0;

  /* The seed and clusters stay: a new raw view of the 10,000 digits for
   * each change would cost a second. */
  settings.latent_dim = g_rand_int_range (st->rand, 2, 5);
  settings.batch_size = g_rand_int_range (st->rand, 16, 129);
  settings.learning_rate = g_rand_double_range (st->rand, 1e-4, 3e-3);
  settings.hidden[0] = absurd ? G_MAXUINT32 : (gsize) g_rand_int_range (st->rand, 8, 65);
  latent_settings_popover_set_settings (popover, &settings);
  g_assert_nonnull (apply);
  g_signal_emit_by_name (apply, "clicked");
  if (absurd)
    g_assert_cmpuint (latent_trainer_get_settings (trainer)->hidden[0], ==, before.hidden[0]);
  else
    g_assert_cmpuint (latent_trainer_get_settings (trainer)->latent_dim, ==, settings.latent_dim);
}

/* A file, sometimes replaced at once by another while the first loads, and
 * sometimes cancelled. */
static void
open_dataset (Stress *st)
{
  guint n = st->files->len;

  latent_window_open_dataset (st->window,
                              g_ptr_array_index (st->files, g_rand_int_range (st->rand, 0, n)));
  st->n_opened++;
  g_assert_true (latent_window_is_loading (st->window));
  if (g_rand_boolean (st->rand))
    {
      latent_window_open_dataset (st->window,
                                  g_ptr_array_index (st->files,
                                                     g_rand_int_range (st->rand, 0, n)));
      st->n_replaced++;
    }
  if (g_rand_int_range (st->rand, 0, 4) == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (st->window), "win.cancel-loading", NULL);
      g_assert_false (latent_window_is_loading (st->window));
      st->n_cancelled++;
    }
}

static void
stress_command (Stress *st)
{
  static const char *const presses[] = { "win.train", "win.pause", "win.step", "win.reset" };
  guint roll = g_rand_int_range (st->rand, 0, 100);

  if (roll < 60)
    gtk_widget_activate_action (GTK_WIDGET (st->window), presses[roll % 4], NULL);
  else if (roll < 75)
    apply_settings (st);
  else if (roll < 99)
    open_dataset (st);
  else
    gtk_widget_activate_action (GTK_WIDGET (st->window), "win.load-builtin", "s", "digits");
}

static gboolean
is_not_loading (gpointer      window,
                gconstpointer data)
{
  return !latent_window_is_loading (window);
}

static gboolean
has_stepped (gpointer      window,
             gconstpointer data)
{
  LatentSnapshot *s = latent_window_get_snapshot (window);

  return latent_test_has_state (window, GUINT_TO_POINTER (LATENT_TRAINER_PAUSED)) &&
         s->step > 0 && s->epoch == 1;
}

static void
test_cycles (void)
{
  const char *seed_env = g_getenv ("LATENT_STRESS_SEED");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10)
                                  : g_random_int ();
  g_autofree char *dir = latent_test_make_dir ();
  Stress st = {
    .rand = g_rand_new_with_seed (seed),
    .files = g_ptr_array_new_with_free_func (g_object_unref),
  };
  gint64 start = g_get_monotonic_time ();
  guint64 run_id;
  LatentDataset *shown = NULL; /* compared, never dereferenced */

  g_test_message ("seed %u (LATENT_STRESS_SEED=%u presses the same)", seed, seed);
  store_small_network ();
  write_datasets (&st, dir);
  open_new_window (&st);

  for (guint i = 1; i <= CYCLES; i++)
    {
      stress_command (&st);
      /* Now and then the worker and the loads get a few ms mid-run. */
      if (g_rand_int_range (st.rand, 0, 4) == 0)
        g_usleep (g_rand_int_range (st.rand, 1000, 5000));
      /* A few of what is ready, not all: a window that trains always has a
       * frame to draw, and presses come faster than frames. */
      for (guint n = 0; n < 3 && g_main_context_iteration (NULL, FALSE); n++)
        ;
      if (latent_window_get_snapshot (st.window)->dataset != shown)
        {
          shown = latent_window_get_snapshot (st.window)->dataset;
          st.n_shown++;
        }
      /* Closed in whatever state it is: training, loading, mid-reset. */
      if (i % CYCLES_PER_WINDOW == 0 && i < CYCLES)
        {
          g_test_message ("%u cycles, %.1f s", i,
                          (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
          latent_test_close_window (st.window);
          open_new_window (&st);
        }
    }

  /* The last window still answers: its load ends, a reset makes a new run
   * and a step trains it one epoch. */
  wait_for (st.window, is_not_loading, NULL, "the last load to end");
  run_id = latent_window_get_snapshot (st.window)->run_id;
  gtk_widget_activate_action (GTK_WIDGET (st.window), "win.reset", NULL);
  wait_for (st.window, latent_test_has_new_run, &run_id, "a new run after the cycles");
  gtk_widget_activate_action (GTK_WIDGET (st.window), "win.step", NULL);
  wait_for (st.window, has_stepped, NULL, "one epoch after the cycles");
  latent_test_close_window (st.window);

  g_test_message ("%d cycles in %.1f s: %u windows, %u datasets opened, %u of them while "
                  "another loaded, %u loads cancelled; the dataset shown changed %u times", CYCLES,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC,
                  st.n_windows, st.n_opened + st.n_replaced, st.n_replaced, st.n_cancelled,
                  st.n_shown);
  g_ptr_array_unref (st.files);
  g_rand_free (st.rand);
  latent_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!latent_test_init_gtk ())
    return 0;

  g_test_add_func ("/stress-window/cycles", test_cycles);
  return g_test_run ();
}
