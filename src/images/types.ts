/** Types of the images stage: the site's images as measured, and the resized copies made of them. */

/** One resized copy of an image, written to the output at `url`. Plain data (it crosses worker threads). */
export interface ImageVariant {
  /** Site-relative URL, e.g. `/_images/team-3f9a1c2b-640.webp` (the base path is added where it is printed). */
  readonly url: string;
  readonly width: number;
  readonly height: number;
  /** `jpeg`, `png`, `webp` or `avif` (GIF and SVG are measured but never resized). */
  readonly format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'svg';
}

/** The formats the stage reads or writes. */
export type ImageFormat = ImageVariant['format'];

/** An image of the site (a file under `static/`) with its size and its variants. */
export interface SiteImage {
  /** Site-relative URL of the original, e.g. `/images/team.jpg`. */
  readonly url: string;
  /** Size as displayed (EXIF rotation applied). */
  readonly width: number;
  readonly height: number;
  readonly format: ImageVariant['format'];
  /** Narrowest first; empty for GIF and SVG, which are shown as they are. */
  readonly variants: readonly ImageVariant[];
}

/**
 * The images one Markdown body refers to, by the URL as written in the body: the image, or
 * `null` when the URL points into the site but no file in `static/` matches it.
 */
export type BodyImages = Readonly<Record<string, SiteImage | null>>;
