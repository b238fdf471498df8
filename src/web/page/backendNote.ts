/**
 * What the page says about TF.js's webgl backend (the trainer runs it: src/web/trainer/backend.ts).
 * Kept apart from the trainer's modules so that the page's own script does not bundle TF.js.
 */
export const WEBGL_NOTE =
  "webgl runs TF.js's kernels as GPU shaders: float32 like cpu, but with the GPU's own sqrt, exp, sin and cos, its " +
  'own order of operations, and float16 on some phones. Measured in headless Chromium with WebGL on SwiftShader: ' +
  'the TF.js run still equals its float32 replay (manual32) to the bit for SGD, momentum, Adam, Adamax, Adadelta ' +
  'and RMSProp on Himmelblau; Adagrad there differs (x by at most 7.4e-7 of its size), within the float32 ' +
  'tolerance; on Rastrigin ' +
  '(Sin and Cos) the difference leaves the tolerance and the diff says its verdict is not conclusive. The page ' +
  "runs it in its trainer's Web Worker, on an OffscreenCanvas: the same numbers as on the page's own thread. On " +
  'cpu the replay is identical to the bit, as on the command line.';
