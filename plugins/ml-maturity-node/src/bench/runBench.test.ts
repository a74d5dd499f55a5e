import { runBench } from './runBench';
import { BenchSection } from './types';

async function run(argv: string[], sections?: BenchSection[]) {
  let stdout = '';
  let stderr = '';
  const code = await runBench({
    argv,
    sections,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

const lastLine = (text: string) => text.trimEnd().split('\n').pop()!;

describe('runBench', () => {
  it('--smoke prints the classifier table and ends with the JSON figures, memory from a child process', async () => {
    const { code, stdout } = await run(['--smoke']);

    expect(code).toBe(0);
    const figures = JSON.parse(lastLine(stdout));
    expect(figures).toMatchObject({
      smoke: true,
      entities: 2000,
      runs: 1,
      memoryMethod: expect.stringMatching(/^(hwm-reset|maxrss-delta)$/),
    });
    expect(figures.relations).toBeGreaterThan(2000);
    expect(figures.teams).toBeGreaterThan(0);
    expect(figures.classifyMsMedian).toBeGreaterThan(0);
    expect(
      figures.entitiesPerSecond / (2000 / (figures.classifyMsMedian / 1000)),
    ).toBeCloseTo(1, 2);
    expect(typeof figures.peakHeapMb).toBe('number');
    expect(figures.peakV8HeapMb).toBeGreaterThan(0);
    expect(figures.machineReferenceMs).toBeGreaterThan(0);
    expect(stdout).toContain('median ms');
    expect(stdout).toMatch(/machine reference: [\d.]+ ms/);
  }, 120_000);

  it('runs every section, merges their fields and refuses clashing ones', async () => {
    const section = (
      id: string,
      fields: Record<string, unknown>,
    ): BenchSection => ({
      id,
      title: `Section ${id}`,
      run: async context => ({
        lines: [`rows for ${context.sizes.join(',')}`],
        fields,
      }),
    });

    const ok = await run(
      ['--sizes', '1000,2000', '--no-memory'],
      [section('a', { a: 1 }), section('b', { b: 2 })],
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Section a\nrows for 1000,2000');
    expect(ok.stdout).toContain('Section b');
    expect(JSON.parse(lastLine(ok.stdout))).toMatchObject({
      a: 1,
      b: 2,
      seed: 42,
    });

    await expect(
      run(['--no-memory'], [section('a', { x: 1 }), section('b', { x: 2 })]),
    ).rejects.toThrow(/"x"/);
  });

  it('lists every size of --sizes and keeps --entities as the top-level figures', async () => {
    const { code, stdout } = await run([
      '--sizes',
      '1000,2000',
      '--entities',
      '1000',
      '--runs',
      '1',
      '--no-memory',
    ]);
    expect(code).toBe(0);
    const figures = JSON.parse(lastLine(stdout));
    expect(figures.entities).toBe(1000);
    expect(figures.sizes.map((s: { entities: number }) => s.entities)).toEqual([
      1000, 2000,
    ]);
    expect(figures.peakHeapMb).toBeNull();
  }, 120_000);

  it('exits 2 on bad numbers', async () => {
    const { code, stderr } = await run(['--entities', 'many']);
    expect(code).toBe(2);
    expect(stderr).toContain('--entities must be an integer');
  });
});
