import type { OptionSpec } from '@optim-mirror/torch/reference';
import type { Optimizer } from '@tensorflow/tfjs-core';
import { loadBackend } from '../../src/tfjs/backend';
import { OPTIMIZER_SIGNATURES } from '../../src/port/signatures';
import { TF_TRAIN_PARAMETERS, type TfTrainFactory } from '../../src/port/tfTrain';

/** The facts the port adds to the library's: torch's argument order, and tf.train's own names and defaults. */

test.each(OPTIMIZER_SIGNATURES.map((s) => [s.className, s] as const))(
  "%s: its positional and keyword options are exactly @optim-mirror/torch's, in torch's order",
  (_name, signature) => {
    const library = Object.values<OptionSpec>(signature.rule.options).map((spec) => spec.torch);
    expect([...signature.positional, ...signature.keywordOnly]).toEqual(library);
    for (const switchArg of signature.switches) expect(library).not.toContain(switchArg.torch);
  },
);

test("tf.train's parameter names and defaults are what its optimizers report (getConfig)", async () => {
  const { tf } = await loadBackend('cpu');
  // Each factory with only the arguments it requires: the rest take TF.js's defaults.
  const built: Record<TfTrainFactory, Optimizer> = {
    sgd: tf.train.sgd(0.5),
    momentum: tf.train.momentum(0.5, 0.25),
    rmsprop: tf.train.rmsprop(0.5),
    adam: tf.train.adam(),
    adamax: tf.train.adamax(),
  };
  for (const [factory, optimizer] of Object.entries(built) as Array<[TfTrainFactory, Optimizer]>) {
    const config = optimizer.getConfig();
    const parameters = TF_TRAIN_PARAMETERS[factory];
    expect(parameters.map((p) => p.name)).toEqual(Object.keys(config));
    for (const p of parameters) {
      if (p.tfjsDefault !== undefined)
        expect([factory, p.name, config[p.name]]).toEqual([factory, p.name, p.tfjsDefault]);
    }
    optimizer.dispose();
  }
});
