import { gatherParityData, torchTraces } from '../src/parity/gather';
import { parityMarkdown, type ParityData } from '../src/parity/report';
import { TF_TRAIN_OPTIMIZERS } from '../src/optimizers/registry';
import { TORCH_OPTIMIZERS } from '../src/optimizers/torch';

/** The report from two real trace cases (one tf.train, one library) and every measurement besides. */
let data: ParityData;
let markdown: string;
beforeAll(async () => {
  const traces = torchTraces();
  data = await gatherParityData({
    cases: traces.cases.filter((c) => c.name === 'adam'),
    library_cases: traces.library_cases.filter((c) => c.name === 'torch-adamw-defaults'),
  });
  markdown = parityMarkdown(data);
}, 60_000);

test('the porting table: for every tf.train optimizer what to write, and the classes TF.js lacks', () => {
  const table = markdown.slice(markdown.indexOf('## What to write'), markdown.indexOf('## TF.js API traps'));
  for (const optimizer of TF_TRAIN_OPTIMIZERS)
    expect(table).toContain(`| \`${optimizer.torchCall}\` | \`${optimizer.porting.code}\` |`);
  for (const name of ['AdamW', 'NAdam', 'RAdam'])
    expect(table).toContain(`\`new ${name}({ … })\` from @optim-mirror/torch`);
  // tf.train.adam has torch's formula but float32 bias corrections: the library's Adam is what follows torch.
  expect(table).toContain('| `torch.optim.Adam(lr, betas, eps)` | `new Adam({ lr, betas: [0.9, 0.999], eps: 1e-8 })');
  expect(table).toContain('keeps β1ᵗ and β2ᵗ as float32 running products');
});

test('every API trap is measured on this TF.js and still holds, each with its reproduction and what to do instead', () => {
  expect(data.traps.map((trap) => trap.holds)).toEqual([true, true, true, true, true]);
  for (const trap of data.traps) {
    expect(markdown).toContain(`### ${trap.title}\n\n\`\`\`js\n${trap.code}\n\`\`\``);
    expect(markdown).toContain(`Measured: ${trap.observed}.`);
    expect(markdown).toContain(`Instead: ${trap.remedy}.`);
  }
  expect(markdown).toContain('throws "getWeights() is not implemented for Adamax yet."');
  expect(markdown).toMatch(/1 − β2ᵗ is off by 1\.29e-5 relative at step 1/);
});

test('the measured trace cases: tf.train case in its optimizer section, the library case in its table', () => {
  expect(markdown).toContain('Case `adam`: `npm run train -- --optimizer adam');
  expect(markdown).toMatch(/\| torch\.AdamW \| 1 \| (0|\d\.\d\de-1\d) \| 0\.\d{3} \| yes \|/);
  expect(markdown).toContain('| torch.NAdam | 0 | — | — | — |');
  expect(data.libraryCases[0].boundRatio).toBeLessThanOrEqual(1);
});

test('every optimizer in the tensor table, and the Momentum leak marked', () => {
  const rows = markdown.split('\n').filter((line) => /^\| \S+ \| \d+ \| \d+ \| \d+( \*\*leak\*\*)? \|$/.test(line));
  expect(rows).toHaveLength(TF_TRAIN_OPTIMIZERS.length + TORCH_OPTIMIZERS.length);
  expect(rows.filter((line) => line.includes('**leak**'))).toEqual(['| Momentum | 4 | 4 | 1 **leak** |']);
});

test('the departures shown: Adadelta is SGD to the bit, flips at lr 1, centered RMSProp turns NaN', () => {
  expect(data.adadeltaIsSgd.identical).toBe(true);
  expect(markdown).toContain('gives bit-identical TF.js rows');
  expect(data.centeredRmspropNaN.result.runs.tfjs.diverged).not.toBeNull();
  expect(data.centeredRmspropNaN.result.runs.pytorch.diverged).toBeNull();
});
