import type * as TorchLibrary from '@optim-mirror/torch';

/**
 * @optim-mirror/torch's main entry, loaded when first needed: its schedulers (specs, checks and
 * builders) live there, beside its TF.js classes, and loading it loads tfjs-core (no backend).
 */
export function torchLibrary(): typeof TorchLibrary {
  return require('@optim-mirror/torch') as typeof TorchLibrary;
}
