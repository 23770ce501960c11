// What the checks read and report: the package's files as data, and the issues found in them.

/** A JSON object as parsed, before any check has narrowed it. */
export type Json = Record<string, unknown>;

export type Severity = 'error' | 'warning';

export interface Issue {
  severity: Severity;
  /** Package-relative path of the file the issue is in: manifest.json, translations/fa.json, assets/logo.png. */
  file: string;
  /** The field inside the file (JSON path), when there is one. */
  field?: string;
  message: string;
  /** Where the rule comes from. */
  rule: string;
}

export interface PackageFile {
  /** Package-relative path with forward slashes. */
  path: string;
  size: number;
  /** For images: pixel size (PNG: from the IHDR chunk, see readPngSize). */
  width?: number;
  height?: number;
  /** False when the file does not start with the PNG signature (only for *.png). */
  isPng?: boolean;
  /** Text of SVG files, for the SVG checks. */
  text?: string;
  symlink?: boolean;
}

export interface AppPackageInput {
  /** manifest.json as text (so that a JSON syntax error is reported) or already parsed. */
  manifest: string | unknown;
  /** Keyed by package path, e.g. "translations/en.json"; text or already parsed. */
  translations: Record<string, string | unknown>;
  /** Every file that would go into the package (manifest and translations included). */
  files: PackageFile[];
  /** Size of the built zip, when it exists. */
  zipSize?: number;
}

export interface ParsedManifest {
  manifest: Json | undefined;
  parameters: Json[];
}

/** Records an issue in manifest.json. */
export type Report = (field: string | undefined, message: string, rule: string, severity?: Severity) => void;
