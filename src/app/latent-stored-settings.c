/* latent-stored-settings.c — the training settings kept between runs, in GSettings
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GSettings checks types and the schema's ranges only when a value is
 * written through it; a value edited by hand (dconf-editor, gsettings set
 * on another version's schema, a damaged keyfile) reaches us as it is or,
 * worse, silently as the default. Every stored value is checked against
 * the schema and, for the training keys, against the engine's own rules,
 * and reset with one message rather than stopping the window.
 */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <string.h>

#include "latent-stored-settings.h"

/* The schema, or NULL when it is not installed (a run straight from the
 * build tree, outside `meson devenv`): the window then starts from the
 * defaults and remembers nothing, rather than aborting in g_settings_new. */
GSettings *
latent_stored_settings_open (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_info ("The GSettings schema %s is not installed; settings will not be kept",
              APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static const char * const training_keys[] = {
  "hidden-layers", "latent-dim", "activation", "clusters", "learning-rate", "batch-size",
  "seed", "threads", "input-noise", "reconstruction-epochs", "grouping-epochs", "grouping-weight",
  "graph-neighbours",
};

/* GSettings checks the ranges in the schema; the layer list is free text. */
static gboolean
read_training_key (GSettings       *gsettings,
                   const char      *key,
                   LatentSettings  *settings,
                   GError         **error)
{
  if (strcmp (key, "hidden-layers") == 0)
    {
      g_autofree char *layers = g_settings_get_string (gsettings, key);

      return latent_settings_parse_layers (settings, layers, error);
    }
  if (strcmp (key, "latent-dim") == 0)
    settings->latent_dim = g_settings_get_uint (gsettings, key);
  else if (strcmp (key, "activation") == 0)
    settings->activation = (LatentActivation) g_settings_get_enum (gsettings, key);
  else if (strcmp (key, "clusters") == 0)
    settings->k = g_settings_get_uint (gsettings, key);
  else if (strcmp (key, "learning-rate") == 0)
    settings->learning_rate = (float) g_settings_get_double (gsettings, key);
  else if (strcmp (key, "batch-size") == 0)
    settings->batch_size = g_settings_get_uint (gsettings, key);
  else if (strcmp (key, "seed") == 0)
    settings->seed = g_settings_get_uint64 (gsettings, key);
  else if (strcmp (key, "threads") == 0)
    settings->threads = g_settings_get_uint (gsettings, key);
  else if (strcmp (key, "input-noise") == 0)
    settings->input_noise = (float) g_settings_get_double (gsettings, key);
  else if (strcmp (key, "reconstruction-epochs") == 0)
    settings->reconstruction_epochs = g_settings_get_uint (gsettings, key);
  else if (strcmp (key, "grouping-epochs") == 0)
    settings->grouping_epochs = g_settings_get_uint (gsettings, key);
  else if (strcmp (key, "grouping-weight") == 0)
    settings->grouping_weight = (float) g_settings_get_double (gsettings, key);
  else if (strcmp (key, "graph-neighbours") == 0)
    settings->graph_neighbours = g_settings_get_uint (gsettings, key);
  else
    g_assert_not_reached ();
  return TRUE;
}

/* The stored training settings, one key at a time, each checked with the
 * engine's own rules: a bad value falls back to its default and leaves the
 * other keys alone. latent_stored_settings_reset_invalid() has already reset (and told of)
 * every such value the window opened with. */
void
latent_stored_settings_load (GSettings      *gsettings,
                             LatentSettings *settings)
{
  latent_settings_init_default (settings);
  if (gsettings == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (training_keys); i++)
    {
      g_autoptr(GError) error = NULL;
      LatentSettings candidate = *settings;

      if (!read_training_key (gsettings, training_keys[i], &candidate, &error) ||
          !latent_settings_validate (&candidate, &error))
        {
          g_info ("Ignoring the stored %s: %s", training_keys[i], error->message);
          continue;
        }
      *settings = candidate;
    }
}

/* What is stored for key, or NULL when nothing is. GSettings answers a
 * stored value of the wrong type or out of the schema's range (latent-dim
 * 100000, a NaN learning rate, an unknown activation) with the default and
 * says nothing, so that only the backend itself can tell it from a key left
 * unset. */
static GVariant *
read_stored (GSettings          *gsettings,
             const char         *key,
             const GVariantType *type)
{
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autofree char *path = NULL;
  g_autofree char *full_key = NULL;
  GVariant *value;

  g_object_get (gsettings, "backend", &backend, "path", &path, NULL);
  full_key = g_strconcat (path, key, NULL);
  /* Not read_user_value, whose default drops a value of the wrong type. */
  value = G_SETTINGS_BACKEND_GET_CLASS (backend)->read (backend, full_key, type, FALSE);
  return value != NULL ? g_variant_take_ref (value) : NULL;
}

/* What the keys are called in messages (the schema's summaries are not in
 * the compiled schema, and the settings popover's labels have mnemonics). */
static const struct
{
  const char *key;
  const char *label;
} key_labels[] = {
  { "window-width", N_("window width") },
  { "window-height", N_("window height") },
  { "window-maximized", N_("window maximized") },
  { "hidden-layers", N_("hidden layers") },
  { "latent-dim", N_("latent dimensions") },
  { "activation", N_("activation") },
  { "clusters", N_("clusters") },
  { "learning-rate", N_("learning rate") },
  { "batch-size", N_("batch size") },
  { "seed", N_("random seed") },
  { "threads", N_("threads") },
  { "input-noise", N_("input noise") },
  { "reconstruction-epochs", N_("reconstruction epochs") },
  { "grouping-epochs", N_("grouping epochs") },
  { "grouping-weight", N_("grouping weight") },
  { "graph-neighbours", N_("neighbours") },
  { "color-mode", N_("dot colours") },
  { "log-scale-loss", N_("logarithmic loss axis") },
};

static const char *
key_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (key_labels); i++)
    if (strcmp (key, key_labels[i].key) == 0)
      return _(key_labels[i].label);
  return key;
}

/* "latent dimensions (100000)": the key and what was stored. */
static char *
describe_stored (const char *key,
                 GVariant   *stored)
{
  g_autofree char *value = NULL;

  if (g_variant_is_of_type (stored, G_VARIANT_TYPE_STRING))
    value = g_strdup_printf ("“%s”", g_variant_get_string (stored, NULL));
  else
    value = g_variant_print (stored, FALSE);
  /* TRANSLATORS: a setting that was reset, "latent dimensions (100000)":
   * the setting's name and the value that was stored. */
  return g_strdup_printf (_("%s (%s)"), key_label (key), value);
}

/* Resets key to its default when what is stored there is not valid: of the
 * wrong type, out of the schema's range or, for a training key (settings
 * not NULL), refused by the engine along with the training keys before it,
 * as latent_stored_settings_load() reads them. Adds a description of each value
 * reset to reset. */
static void
check_stored_key (GSettings       *gsettings,
                  GSettingsSchema *schema,
                  const char      *key,
                  LatentSettings  *settings,
                  GPtrArray       *reset)
{
  g_autoptr(GSettingsSchemaKey) skey = g_settings_schema_get_key (schema, key);
  g_autoptr(GVariant) stored = read_stored (gsettings, key,
                                            g_settings_schema_key_get_value_type (skey));
  g_autoptr(GError) error = NULL;
  LatentSettings candidate;

  if (stored == NULL)
    return;
  if (g_variant_is_of_type (stored, g_settings_schema_key_get_value_type (skey))
      && g_settings_schema_key_range_check (skey, stored))
    {
      if (settings == NULL)
        return;
      candidate = *settings;
      if (read_training_key (gsettings, key, &candidate, &error)
          && latent_settings_validate (&candidate, &error))
        {
          *settings = candidate;
          return;
        }
    }
  g_settings_reset (gsettings, key);
  g_ptr_array_add (reset, describe_stored (key, stored));
}

static gboolean
is_training_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (training_keys); i++)
    if (strcmp (key, training_keys[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Stored values edited by hand or left by another version are reset to
 * their defaults, so that the window starts whatever is stored; the message
 * says which, or is NULL when all are valid. */
char *
latent_stored_settings_reset_invalid (GSettings *gsettings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GPtrArray) reset = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) keys = NULL;
  g_autofree char *list = NULL;
  LatentSettings settings;

  g_object_get (gsettings, "settings-schema", &schema, NULL);
  latent_settings_init_default (&settings);
  for (guint i = 0; i < G_N_ELEMENTS (training_keys); i++)
    check_stored_key (gsettings, schema, training_keys[i], &settings, reset);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    if (!is_training_key (keys[i]))
      check_stored_key (gsettings, schema, keys[i], NULL, reset);
  if (reset->len == 0)
    return NULL;

  g_ptr_array_add (reset, NULL);
  list = g_strjoinv (", ", (char **) reset->pdata);
  return g_strdup_printf (ngettext ("A stored setting was not valid and was reset: %s",
                                    "Stored settings were not valid and were reset: %s",
                                    reset->len - 1),
                          list);
}

/* Settings the trainer accepted: validated, so within the schema's ranges
 * (tests/test-gschema.c keeps the two in step). */
void
latent_stored_settings_save (GSettings            *gsettings,
                             const LatentSettings *settings)
{
  g_autofree char *layers = latent_settings_layers_to_string (settings);

  if (gsettings == NULL)
    return;

  g_settings_set_string (gsettings, "hidden-layers", layers);
  g_settings_set_uint (gsettings, "latent-dim", (guint) settings->latent_dim);
  g_settings_set_enum (gsettings, "activation", settings->activation);
  g_settings_set_uint (gsettings, "clusters", settings->k);
  g_settings_set_double (gsettings, "learning-rate", settings->learning_rate);
  g_settings_set_uint (gsettings, "batch-size", (guint) settings->batch_size);
  g_settings_set_uint64 (gsettings, "seed", settings->seed);
  g_settings_set_uint (gsettings, "threads", settings->threads);
  g_settings_set_double (gsettings, "input-noise", settings->input_noise);
  g_settings_set_uint (gsettings, "reconstruction-epochs", settings->reconstruction_epochs);
  g_settings_set_uint (gsettings, "grouping-epochs", settings->grouping_epochs);
  g_settings_set_double (gsettings, "grouping-weight", settings->grouping_weight);
  g_settings_set_uint (gsettings, "graph-neighbours", settings->graph_neighbours);
}
