/* test-settings.c — defaults, layer parsing and validation of training settings
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "latent-error.h"
#include "latent-settings.h"

static void
test_defaults_are_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *layers = NULL;
  LatentSettings settings;

  latent_settings_init_default (&settings);
  g_assert_true (latent_settings_validate (&settings, &error));
  g_assert_no_error (error);

  layers = latent_settings_layers_to_string (&settings);
  g_assert_cmpstr (layers, ==, "512,256");
  g_assert_cmpuint (settings.latent_dim, ==, 10);
  g_assert_cmpuint (settings.k, ==, 10);
}

static void
test_parse_layers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *round_trip = NULL;
  LatentSettings settings;

  latent_settings_init_default (&settings);
  g_assert_true (latent_settings_parse_layers (&settings, " 64, 32 ,16", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (settings.n_hidden, ==, 3);
  g_assert_cmpuint (settings.hidden[0], ==, 64);
  g_assert_cmpuint (settings.hidden[2], ==, 16);
  round_trip = latent_settings_layers_to_string (&settings);
  g_assert_cmpstr (round_trip, ==, "64,32,16");

  g_assert_true (latent_settings_parse_layers (&settings, "", &error));
  g_assert_cmpuint (settings.n_hidden, ==, 0);
}

static void
test_parse_layers_rejects_nonsense (void)
{
  const char *bad[] = { "abc", "500,,500", "0", "-5", "500,x", "99999999999",
                        "1,2,3,4,5,6,7,8,9", "12.5" };
  LatentSettings settings;

  latent_settings_init_default (&settings);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (latent_settings_parse_layers (&settings, bad[i], &error));
      g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);
      /* The message quotes what was typed, so a person can find the typo. */
      g_assert_nonnull (strstr (error->message, bad[i]));
      /* A failed parse leaves the previous layers alone. */
      g_assert_cmpuint (settings.n_hidden, ==, 2);
    }
}

static void
test_validate_rejects_absurd_settings (void)
{
  LatentSettings settings;
  g_autoptr(GError) error = NULL;

#define EXPECT_INVALID(statement, word)                                   \
  G_STMT_START {                                                          \
    g_clear_error (&error);                                               \
    latent_settings_init_default (&settings);                             \
    statement;                                                            \
    g_assert_false (latent_settings_validate (&settings, &error));        \
    g_assert_error (error, LATENT_ERROR, LATENT_ERROR_INVALID_ARGUMENT);  \
    g_assert_nonnull (strstr (error->message, word));                     \
  } G_STMT_END

  EXPECT_INVALID (settings.latent_dim = 0, "latent size");
  EXPECT_INVALID (settings.latent_dim = 1000000, "latent size");
  EXPECT_INVALID (settings.k = 0, "clusters");
  EXPECT_INVALID (settings.k = LATENT_MAX_CLUSTERS + 1, "clusters");
  EXPECT_INVALID (settings.batch_size = 0, "batch size");
  EXPECT_INVALID (settings.learning_rate = NAN, "learning rate");
  EXPECT_INVALID (settings.learning_rate = -1.0f, "learning rate");
  EXPECT_INVALID (settings.learning_rate = INFINITY, "learning rate");
  EXPECT_INVALID (settings.input_noise = 1.0f, "noise");
  EXPECT_INVALID (settings.threads = 100000, "threads");
  EXPECT_INVALID (settings.max_points = 0, "points");
  EXPECT_INVALID (settings.grouping_weight = -1.0f, "grouping weight");
  EXPECT_INVALID (settings.grouping_weight = NAN, "grouping weight");
  EXPECT_INVALID (settings.grouping_weight = 1e6f, "grouping weight");
  EXPECT_INVALID (settings.graph_neighbours = 0, "neighbours");
  EXPECT_INVALID (settings.graph_neighbours = 1000, "neighbours");
  EXPECT_INVALID (settings.grouping_epochs = 1000000, "grouping epochs");
  EXPECT_INVALID (settings.reconstruction_epochs = 1000000, "reconstruction epochs");
  EXPECT_INVALID (settings.hidden[1] = 0, "hidden layer");
  EXPECT_INVALID (settings.n_hidden = LATENT_MAX_HIDDEN + 1, "hidden layers");
  EXPECT_INVALID (settings.activation = LATENT_N_ACTIVATIONS, "activation");
#undef EXPECT_INVALID
}

static void
test_architecture_follows_data (void)
{
  LatentSettings settings;
  LatentArchitecture arch;

  latent_settings_init_default (&settings);
  latent_settings_get_architecture (&settings, 784, TRUE, &arch);
  g_assert_cmpuint (arch.input_dim, ==, 784);
  g_assert_cmpuint (arch.n_hidden, ==, 2);
  g_assert_cmpuint (arch.hidden[1], ==, 256);
  g_assert_cmpuint (arch.latent_dim, ==, 10);
  g_assert_cmpint (arch.loss, ==, LATENT_LOSS_BCE);

  latent_settings_get_architecture (&settings, 37, FALSE, &arch);
  g_assert_cmpuint (arch.input_dim, ==, 37);
  g_assert_cmpint (arch.loss, ==, LATENT_LOSS_MSE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/settings/defaults", test_defaults_are_valid);
  g_test_add_func ("/settings/layers/parse", test_parse_layers);
  g_test_add_func ("/settings/layers/reject", test_parse_layers_rejects_nonsense);
  g_test_add_func ("/settings/validate/reject", test_validate_rejects_absurd_settings);
  g_test_add_func ("/settings/architecture", test_architecture_follows_data);

  return g_test_run ();
}
