/* test-stored-settings.c — training settings kept in GSettings
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on the memory backend and the schema compiled in the build tree
 * (GSETTINGS_BACKEND, GSETTINGS_SCHEMA_DIR); every test starts from a
 * fresh backend.
 */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <math.h>

#include "latent-stored-settings.h"
#include "latent-test-util.h"

static GSettings *
open_settings (void)
{
  GSettings *gsettings = latent_stored_settings_open ();

  g_assert_nonnull (gsettings);
  return gsettings;
}

/* Writes value under key past the schema's types and ranges, as
 * dconf-editor or another version might leave it. */
static void
store_raw (GSettings  *gsettings,
           const char *key,
           GVariant   *value)
{
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autofree char *path = NULL;
  g_autofree char *full_key = NULL;

  g_object_get (gsettings, "backend", &backend, "path", &path, NULL);
  full_key = g_strconcat (path, key, NULL);
  g_assert_true (G_SETTINGS_BACKEND_GET_CLASS (backend)->write (backend, full_key, value, NULL));
}

/* Without a schema, or with nothing stored, the engine's defaults. */
static void
test_defaults (void)
{
  g_autoptr(GSettings) gsettings = open_settings ();
  LatentSettings defaults;
  LatentSettings loaded;

  latent_settings_init_default (&defaults);
  latent_stored_settings_load (NULL, &loaded);
  latent_test_assert_settings_equal (&loaded, &defaults);
  latent_stored_settings_load (gsettings, &loaded);
  latent_test_assert_settings_equal (&loaded, &defaults);
  g_assert_null (latent_stored_settings_reset_invalid (gsettings));
}

/* Every training key is kept: what is saved is what is loaded. */
static void
test_round_trip (void)
{
  g_autoptr(GSettings) gsettings = open_settings ();
  g_autoptr(GError) error = NULL;
  LatentSettings saved;
  LatentSettings loaded;

  latent_settings_init_default (&saved);
  g_assert_true (latent_settings_parse_layers (&saved, "300,40", &error));
  saved.latent_dim = 3;
  saved.activation = LATENT_ACTIVATION_LINEAR;
  saved.k = 4;
  saved.learning_rate = 0.0025f;
  saved.batch_size = 64;
  saved.seed = G_GUINT64_CONSTANT (12345678901);
  saved.threads = 1;
  saved.input_noise = 0.25f;
  saved.reconstruction_epochs = 3;
  saved.grouping_epochs = 7;
  saved.grouping_weight = 0.5f;
  saved.graph_neighbours = 12;
  g_assert_true (latent_settings_validate (&saved, &error));

  latent_stored_settings_save (gsettings, &saved);
  latent_stored_settings_load (gsettings, &loaded);
  latent_test_assert_settings_equal (&loaded, &saved);
  g_assert_null (latent_stored_settings_reset_invalid (gsettings));
}

/* Values edited by hand: each is reset, one message names them all with
 * what was stored, and the valid ones stay. */
static void
test_reset_invalid (void)
{
  const char *bad_keys[] = { "hidden-layers", "latent-dim", "activation", "learning-rate",
                             "batch-size", "window-width", "color-mode" };
  g_autoptr(GSettings) gsettings = open_settings ();
  g_autofree char *message = NULL;
  LatentSettings defaults;
  LatentSettings loaded;

  store_raw (gsettings, "hidden-layers", g_variant_new_string ("0,-5"));
  store_raw (gsettings, "latent-dim", g_variant_new_uint32 (100000));
  store_raw (gsettings, "activation", g_variant_new_string ("wobbly"));
  store_raw (gsettings, "learning-rate", g_variant_new_double (NAN));
  store_raw (gsettings, "batch-size", g_variant_new_string ("lots"));
  store_raw (gsettings, "window-width", g_variant_new_int32 (5));
  store_raw (gsettings, "color-mode", g_variant_new_string ("plaid"));
  store_raw (gsettings, "clusters", g_variant_new_uint32 (7));

  message = latent_stored_settings_reset_invalid (gsettings);
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  g_assert_true (g_str_has_prefix (message, "Stored settings were not valid and were reset: "));
  g_assert_nonnull (strstr (message, "hidden layers (“0,-5”)"));
  g_assert_nonnull (strstr (message, "latent dimensions (100000)"));
  g_assert_nonnull (strstr (message, "activation (“wobbly”)"));
  g_assert_nonnull (strstr (message, "learning rate (nan)"));
  g_assert_nonnull (strstr (message, "batch size (“lots”)"));
  g_assert_nonnull (strstr (message, "window width (5)"));
  g_assert_nonnull (strstr (message, "dot colours (“plaid”)"));
  g_assert_null (strstr (message, "clusters"));

  for (guint i = 0; i < G_N_ELEMENTS (bad_keys); i++)
    {
      g_autoptr(GVariant) user_value = g_settings_get_user_value (gsettings, bad_keys[i]);

      g_assert_null (user_value);
    }
  latent_settings_init_default (&defaults);
  defaults.k = 7;
  latent_stored_settings_load (gsettings, &loaded);
  latent_test_assert_settings_equal (&loaded, &defaults);

  /* Once reset, nothing more to say. */
  g_clear_pointer (&message, g_free);
  g_assert_null (latent_stored_settings_reset_invalid (gsettings));
}

/* A value the schema takes (any string) but the engine refuses: a layer of
 * a million units. It is reset, and what loads validates. */
static void
test_engine_rules (void)
{
  g_autoptr(GSettings) gsettings = open_settings ();
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  LatentSettings loaded;

  store_raw (gsettings, "hidden-layers", g_variant_new_string ("64,1000000"));
  message = latent_stored_settings_reset_invalid (gsettings);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "hidden layers (“64,1000000”)"));
  latent_stored_settings_load (gsettings, &loaded);
  g_assert_true (latent_settings_validate (&loaded, &error));
}

static void
run_on_fresh_backend (gconstpointer data)
{
  GTestFunc test = (GTestFunc) data;

  /* The memory backend is one per process: start each test from nothing. */
  if (g_test_subprocess ())
    {
      test ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/stored-settings/defaults", test_defaults, run_on_fresh_backend);
  g_test_add_data_func ("/stored-settings/round-trip", test_round_trip, run_on_fresh_backend);
  g_test_add_data_func ("/stored-settings/reset-invalid", test_reset_invalid,
                        run_on_fresh_backend);
  g_test_add_data_func ("/stored-settings/engine-rules", test_engine_rules,
                        run_on_fresh_backend);

  return g_test_run ();
}
