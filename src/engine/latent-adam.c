/* latent-adam.c — the Adam update on one flat block of parameters
 *
 * Copyright 2026 The Latent Space authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adam: Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015,
 * Algorithm 1, in the form of its section 2 (bias corrections folded into the
 * step size, ε added to the corrected √v̂), which is also what PyTorch computes.
 * Decoupled weight decay: Loshchilov & Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019 (AdamW), applied before the gradient step.
 */
#include "config.h"

#include <math.h>

#include "latent-adam.h"
#include "latent-dense-private.h"

/* One pass over four arrays of n floats (3.3 M for the default network): the
 * loop is memory bound, so everything per step is computed once outside it,
 * and restrict lets GCC vectorise it. */
LATENT_VECTORIZE static void
adam_loop (float       *restrict param,
           const float *restrict grad,
           float       *restrict m,
           float       *restrict v,
           gsize                 n,
           float                 beta1,
           float                 beta2,
           float                 epsilon,
           float                 decay,
           float                 step_size,
           float                 inv_sqrt_bc2)
{
  const float one_minus_beta1 = 1.0f - beta1;
  const float one_minus_beta2 = 1.0f - beta2;

  for (gsize i = 0; i < n; i++)
    {
      float g = grad[i];
      float mi = beta1 * m[i] + one_minus_beta1 * g;
      float vi = beta2 * v[i] + one_minus_beta2 * g * g;

      m[i] = mi;
      v[i] = vi;
      /* θ ← θ (1 − η λ) − η/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε) */
      param[i] = param[i] * decay - step_size * mi / (sqrtf (vi) * inv_sqrt_bc2 + epsilon);
    }
}

void
latent_adam_update (float       *param,
                    const float *grad,
                    float       *m,
                    float       *v,
                    gsize        n,
                    float        learning_rate,
                    float        beta1,
                    float        beta2,
                    float        epsilon,
                    float        weight_decay,
                    guint64      step)
{
  double bc1, bc2;

  g_return_if_fail (n == 0 || (param != NULL && grad != NULL && m != NULL && v != NULL));
  g_return_if_fail (step >= 1);
  g_return_if_fail (beta1 >= 0.0f && beta1 < 1.0f && beta2 >= 0.0f && beta2 < 1.0f);

  /* 1 − β^t in double: for β2 = 0.999 and small t, float would lose digits. */
  bc1 = 1.0 - pow (beta1, (double) step);
  bc2 = 1.0 - pow (beta2, (double) step);

  adam_loop (param, grad, m, v, n, beta1, beta2, epsilon,
             (float) (1.0 - (double) learning_rate * weight_decay),
             (float) (learning_rate / bc1),
             (float) (1.0 / sqrt (bc2)));
}
