import { join } from 'node:path';
import * as ts from 'typescript';
import { planPort } from '../../src/port/plan';
import { renderTypeScript } from '../../src/port/render';

/**
 * What the port prints type-checks under `strict` against the real declarations of
 * @tensorflow/tfjs and @optim-mirror/torch: every optimizer kind it prints (tf.train's three, a
 * library class, Adam turned AdamW), every way it builds schedulers (options, lambdas, named ones
 * inside SequentialLR and ChainedScheduler, ReduceLROnPlateau's metric) and both clippings.
 * (test/port.test.ts compiles and runs the printed code; this adds the types people compile with.)
 */
const SOURCES = [
  ['torch.optim.SGD(model.parameters(), lr=0.1)', 'clip_grad_value_(model.parameters(), 1.0)'],
  [
    'opt = optim.SGD(model.parameters(), lr=1e-3, momentum=0.9, nesterov=True)',
    'warmup = LinearLR(opt, start_factor=0.1, total_iters=5)',
    'decay = lr_scheduler.CosineAnnealingLR(opt, T_max=95, eta_min=1e-5)',
    'sched = SequentialLR(opt, schedulers=[warmup, decay], milestones=[5])',
  ],
  ['torch.optim.RMSprop(model.parameters(), eps=0)', 'ReduceLROnPlateau(optimizer, mode="min", factor=0.5)'],
  [
    'torch.optim.AdamW(model.parameters(), lr=3e-4, betas=(0.9, 0.95), weight_decay=0.1)',
    'torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-3, total_steps=1000, anneal_strategy="linear")',
    "norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0, norm_type=float('inf'))",
  ],
  [
    'o = torch.optim.Adam(model.parameters(), weight_decay=0.01, decoupled_weight_decay=True)',
    'a = lr_scheduler.LambdaLR(o, lr_lambda=lambda e: min(1.0, (e + 1) / 10))',
    'b = lr_scheduler.ExponentialLR(o, gamma=0.9)',
    'lr_scheduler.ChainedScheduler([a, b])',
  ],
  [
    'opt = torch.optim.Adagrad(model.parameters(), lr=0.1)',
    'CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=10, mode="triangular2", cycle_momentum=False)',
  ],
];

test('the printed TypeScript type-checks (strict)', () => {
  const files = new Map(
    SOURCES.map((lines, i) => [join(__dirname, `printed-${i}.ts`), renderTypeScript(planPort(lines.join('\n')))]),
  );
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  };
  // The real file system, with the printed files laid beside this test (so node_modules resolves).
  const disk = ts.createCompilerHost(options);
  const host: ts.CompilerHost = {
    ...disk,
    getSourceFile: (name, language, ...rest) => {
      const text = files.get(name);
      return text === undefined
        ? disk.getSourceFile(name, language, ...rest)
        : ts.createSourceFile(name, text, language);
    },
    fileExists: (name) => files.has(name) || disk.fileExists(name),
    readFile: (name) => files.get(name) ?? disk.readFile(name),
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
    const line = where && d.file ? d.file.text.split('\n')[where.line] : '';
    return `${ts.flattenDiagnosticMessageText(d.messageText, ' ')}: ${line.trim()}`;
  });
  expect(problems).toEqual([]);
});
