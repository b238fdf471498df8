/**
 * A small seeded generator, so that every random number the project draws (gradient noise,
 * tuning's extra starting points) is the same on every machine and in every run with the same
 * seed: Math.random cannot be seeded.
 *
 * xoshiro128** (Blackman and Vigna, "Scrambled linear pseudorandom number generators", 2018): four
 * 32-bit words of state, 32-bit operations only, which JavaScript does exactly (Math.imul, >>>),
 * period 2¹²⁸ − 1. Its state is filled by SplitMix32 from the seed and a stream number, so
 * streams (seed, 0), (seed, 1), … start far apart and never share a state.
 *
 * Normal draws use the Box–Muller transform on two uniforms of 53 bits each:
 * z₀ = √(−2 ln u₁)·cos 2πu₂, z₁ = √(−2 ln u₁)·sin 2πu₂, both kept (the second for the next draw).
 * Math.log, Math.cos and Math.sin are V8's ports of fdlibm: the same doubles on every machine a
 * given Node runs on (they are not correctly rounded, but they are deterministic).
 */
export interface Random {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform double in (0, 1): 53 random bits, never 0 (so ln u is finite) and never 1. */
  uniform(): number;
  /** A standard normal draw (mean 0, variance 1). */
  normal(): number;
}

/** SplitMix32's output function: a well-mixed 32-bit word from a 32-bit counter. */
function splitMix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const TWO_POW_53 = 2 ** 53;

/** The largest seed: seeds are 32-bit unsigned integers. */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * A generator for (seed, stream): the same pair always gives the same sequence. `seed` and
 * `stream` are whole numbers from 0 to 2³² − 1.
 */
export function seededRandom(seed: number, stream = 0): Random {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    throw new RangeError(`seed must be a 32-bit unsigned integer, got ${seed}`);
  if (!Number.isInteger(stream) || stream < 0 || stream > MAX_SEED)
    throw new RangeError(`stream must be a 32-bit unsigned integer, got ${stream}`);
  // Four state words from a SplitMix32 sequence keyed by seed and stream.
  let counter = splitMix32(seed ^ splitMix32(stream ^ 0x5bd1e995));
  const state = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    counter = (counter + 0x6d2b79f5) | 0;
    state[i] = splitMix32(counter);
  }
  // All-zero is xoshiro's one forbidden state; SplitMix32 makes it practically impossible, but be exact.
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  const nextUint32 = xoshiro128StarStar(state);
  const uniform = (): number => {
    // 53 bits: 27 from one word, 26 from the next; +0.5 keeps it off 0 and below 1.
    const high = nextUint32() >>> 5;
    const low = nextUint32() >>> 6;
    return (high * 2 ** 26 + low + 0.5) / TWO_POW_53;
  };
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  return { nextUint32, uniform, normal };
}

function rotl(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/**
 * xoshiro128** over a state of four 32-bit words (changed in place): each call returns the next
 * 32-bit unsigned output, as the reference C code does.
 */
export function xoshiro128StarStar(s: Uint32Array): () => number {
  return () => {
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
}
