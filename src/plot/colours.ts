/** The Float64 mirror, dashed over the TF.js line in Loss.png: dark, so it reads over any hue. */
export const MANUAL_COLOUR = '#1b1b3a';
