import { stderrProgress } from './progress';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: () => string } {
  let text = '';
  const stream = {
    isTTY,
    columns: 100,
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    on: () => stream,
    removeListener: () => stream,
  } as unknown as NodeJS.WriteStream;
  return { stream, written: () => text };
}

function runFor(stream: NodeJS.WriteStream, milliseconds: number): void {
  let now = 1_000_000;
  const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
  const progress = stderrProgress(100, stream);
  for (let i = 0; i < 99; i++) {
    now += milliseconds / 100;
    progress.tick();
  }
  progress.stop();
  clock.mockRestore();
}

test('nothing at all when stderr is not a terminal, however long the work', () => {
  const { stream, written } = fakeStream(false);
  runFor(stream, 10_000);
  expect(written()).toBe('');
});

test('nothing for work under a second, even on a terminal', () => {
  const { stream, written } = fakeStream(true);
  runFor(stream, 900);
  expect(written()).toBe('');
});

test('a bar once work on a terminal has taken more than a second', () => {
  const { stream, written } = fakeStream(true);
  runFor(stream, 5_000);
  expect(written()).toMatch(/training \[.*\] \d+% \| \d+\/100 iterations/);
});
