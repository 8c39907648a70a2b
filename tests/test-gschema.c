/* test-gschema.c — the GSettings schema agrees with the engine's settings
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema's training defaults must be the engine's defaults, or a fresh
 * window would train differently from `latent-space --headless`; and every
 * value the schema's ranges allow must pass latent_settings_validate (), or
 * a value a user can store would be refused at the next start.
 */
#include "config.h"

#include <gio/gio.h>
#include <math.h>

#include "latent-settings.h"

static GSettingsSchema *
load_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "..", "data", NULL);
  GSettingsSchema *schema;

  source = g_settings_schema_source_new_from_directory (dir, NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, FALSE);
  g_assert_nonnull (schema);
  return schema;
}

static GVariant *
default_value (GSettingsSchema *schema,
               const char      *key)
{
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;

  g_assert_true (g_settings_schema_has_key (schema, key));
  schema_key = g_settings_schema_get_key (schema, key);
  return g_settings_schema_key_get_default_value (schema_key);
}

static void
test_defaults_match_engine (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  g_autoptr(GVariant) layers = default_value (schema, "hidden-layers");
  g_autoptr(GVariant) latent = default_value (schema, "latent-dim");
  g_autoptr(GVariant) clusters = default_value (schema, "clusters");
  g_autoptr(GVariant) rate = default_value (schema, "learning-rate");
  g_autoptr(GVariant) batch = default_value (schema, "batch-size");
  g_autoptr(GVariant) seed = default_value (schema, "seed");
  g_autoptr(GVariant) threads = default_value (schema, "threads");
  g_autoptr(GVariant) noise = default_value (schema, "input-noise");
  g_autoptr(GVariant) activation = default_value (schema, "activation");
  g_autoptr(GVariant) reconstruction = default_value (schema, "reconstruction-epochs");
  g_autoptr(GVariant) grouping = default_value (schema, "grouping-epochs");
  g_autoptr(GVariant) weight = default_value (schema, "grouping-weight");
  g_autoptr(GVariant) neighbours = default_value (schema, "graph-neighbours");
  g_autofree char *engine_layers = NULL;
  LatentSettings settings;

  latent_settings_init_default (&settings);
  engine_layers = latent_settings_layers_to_string (&settings);

  g_assert_cmpstr (g_variant_get_string (layers, NULL), ==, engine_layers);
  g_assert_cmpuint (g_variant_get_uint32 (latent), ==, settings.latent_dim);
  g_assert_cmpuint (g_variant_get_uint32 (clusters), ==, settings.k);
  /* The engine keeps floats; the schema doubles round to the same float. */
  g_assert_cmpfloat ((float) g_variant_get_double (rate), ==, settings.learning_rate);
  g_assert_cmpuint (g_variant_get_uint32 (batch), ==, settings.batch_size);
  g_assert_cmpuint (g_variant_get_uint64 (seed), ==, settings.seed);
  g_assert_cmpuint (g_variant_get_uint32 (threads), ==, settings.threads);
  g_assert_cmpfloat ((float) g_variant_get_double (noise), ==, settings.input_noise);
  g_assert_cmpuint (g_variant_get_uint32 (reconstruction), ==, settings.reconstruction_epochs);
  g_assert_cmpuint (g_variant_get_uint32 (grouping), ==, settings.grouping_epochs);
  g_assert_cmpfloat ((float) g_variant_get_double (weight), ==, settings.grouping_weight);
  g_assert_cmpuint (g_variant_get_uint32 (neighbours), ==, settings.graph_neighbours);
  /* Enum keys store their nick; the schema lists the nicks in
   * LatentActivation's order. */
  g_assert_cmpstr (g_variant_get_string (activation, NULL), ==, "relu");
  g_assert_cmpint (settings.activation, ==, LATENT_ACTIVATION_RELU);
}

/* Sets one key's value on a copy of the defaults and validates it. */
static void
check_valid (const char *key,
             GVariant   *value)
{
  g_autoptr(GError) error = NULL;
  LatentSettings settings;

  latent_settings_init_default (&settings);
  if (g_strcmp0 (key, "latent-dim") == 0)
    settings.latent_dim = g_variant_get_uint32 (value);
  else if (g_strcmp0 (key, "clusters") == 0)
    settings.k = g_variant_get_uint32 (value);
  else if (g_strcmp0 (key, "learning-rate") == 0)
    settings.learning_rate = (float) g_variant_get_double (value);
  else if (g_strcmp0 (key, "batch-size") == 0)
    settings.batch_size = g_variant_get_uint32 (value);
  else if (g_strcmp0 (key, "threads") == 0)
    settings.threads = g_variant_get_uint32 (value);
  else if (g_strcmp0 (key, "input-noise") == 0)
    settings.input_noise = (float) g_variant_get_double (value);
  else if (g_strcmp0 (key, "reconstruction-epochs") == 0)
    settings.reconstruction_epochs = g_variant_get_uint32 (value);
  else if (g_strcmp0 (key, "grouping-epochs") == 0)
    settings.grouping_epochs = g_variant_get_uint32 (value);
  else if (g_strcmp0 (key, "grouping-weight") == 0)
    settings.grouping_weight = (float) g_variant_get_double (value);
  else if (g_strcmp0 (key, "graph-neighbours") == 0)
    settings.graph_neighbours = g_variant_get_uint32 (value);
  else
    g_assert_not_reached ();

  if (!latent_settings_validate (&settings, &error))
    {
      g_autofree char *text = g_variant_print (value, FALSE);
      g_test_message ("schema key %s allows %s but the engine refuses it: %s",
                      key, text, error->message);
    }
  g_assert_no_error (error);
}

static void
test_ranges_are_valid (void)
{
  static const char *keys[] = {
    "latent-dim", "clusters", "learning-rate", "batch-size", "threads", "input-noise",
    "reconstruction-epochs", "grouping-epochs", "grouping-weight", "graph-neighbours",
  };
  g_autoptr(GSettingsSchema) schema = load_schema ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
      g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
      g_autoptr(GVariant) bounds = NULL;
      g_autoptr(GVariant) low = NULL;
      g_autoptr(GVariant) high = NULL;
      const char *kind;

      g_variant_get (range, "(&sv)", &kind, &bounds);
      /* Every numeric training key has a range, so the preferences can
       * offer only what the engine takes. */
      g_assert_cmpstr (kind, ==, "range");
      g_variant_get (bounds, "(**)", &low, &high);
      check_valid (keys[i], low);
      check_valid (keys[i], high);
    }
}

static void
test_layers_default_parses (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  g_autoptr(GVariant) layers = default_value (schema, "hidden-layers");
  g_autoptr(GError) error = NULL;
  LatentSettings settings;

  latent_settings_init_default (&settings);
  g_assert_true (latent_settings_parse_layers (&settings, g_variant_get_string (layers, NULL),
                                               &error));
  g_assert_no_error (error);
}

static void
test_view_keys (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  static const char *keys[] = {
    "window-width", "window-height", "window-maximized",
    "color-mode", "log-scale-loss",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GVariant) value = default_value (schema, keys[i]);
      g_assert_nonnull (value);
    }
  {
    g_autoptr(GVariant) mode = default_value (schema, "color-mode");
    g_assert_cmpstr (g_variant_get_string (mode, NULL), ==, "cluster");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gschema/defaults-match-engine", test_defaults_match_engine);
  g_test_add_func ("/gschema/ranges-are-valid", test_ranges_are_valid);
  g_test_add_func ("/gschema/layers-default-parses", test_layers_default_parses);
  g_test_add_func ("/gschema/view-keys", test_view_keys);

  return g_test_run ();
}
