import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFile, readAppDir } from '../../src/package/read-app';
import { builtPackageDir, PACKAGE_DIR } from './built-package';
import { errorsOf, readPngSize, validateApp, type AppPackageInput, type Issue } from '../../src/package/validate-app';

let real: AppPackageInput;

beforeAll(async () => {
  real = readAppDir(await builtPackageDir());
}, 180_000);

/**
 * Parsed JSON that a test may break in any way a hand-edited file could (wrong types, missing keys),
 * which no narrower type allows.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EditableJson = Record<string, any>;

/** A deep copy of the real package, changed by `edit`; nothing on disk changes. */
function broken(
  edit: (copy: {
    manifest: EditableJson;
    translations: Record<string, EditableJson>;
    files: AppPackageInput['files'];
  }) => void,
): Issue[] {
  const copy = {
    manifest: JSON.parse(real.manifest as string),
    translations: Object.fromEntries(Object.entries(real.translations).map(([k, v]) => [k, JSON.parse(v as string)])),
    files: real.files.map((f) => ({ ...f })),
  };
  edit(copy);
  return validateApp(copy);
}

function expectError(issues: Issue[], file: string, pattern: RegExp): void {
  const errors = errorsOf(issues);
  const hit = errors.find((e) => e.file === file && pattern.test(e.message));
  expect(
    hit,
    `no error in ${file} matching ${pattern}; got:\n${errors.map((e) => `${e.file}: ${e.message}`).join('\n')}`,
  ).toBeDefined();
}

describe('the real package', () => {
  it('passes every rule', () => {
    const errors = errorsOf(validateApp(real));
    expect(errors, errors.map((e) => `${e.file}: ${e.message}`).join('\n')).toEqual([]);
  });

  it('lists only manifest.json, translations and assets, with both pages and the images', () => {
    const paths = real.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'manifest.json',
        'translations/en.json',
        'assets/sidebar.html',
        'assets/report.html',
        'assets/logo.png',
        'assets/logo-small.png',
        'assets/icon_nav_bar.svg',
      ]),
    );
    expect(paths.every((p) => p === 'manifest.json' || p.startsWith('translations/') || p.startsWith('assets/'))).toBe(
      true,
    );
  });

  it('reads PNG dimensions from IHDR', () => {
    expect(readPngSize(readFileSync(join(PACKAGE_DIR, 'assets/logo.png')))).toEqual({ width: 320, height: 320 });
    expect(readPngSize(readFileSync(join(PACKAGE_DIR, 'assets/logo-small.png')))).toEqual({ width: 128, height: 128 });
    expect(readPngSize(Buffer.from('<svg/>'))).toBeUndefined();
  });
});

describe('each rule fails a broken copy with a clear message', () => {
  it('manifest.json that is not JSON', () => {
    expectError(validateApp({ ...real, manifest: '{"name": ' }), 'manifest.json', /not valid JSON/);
  });

  it('missing author email', () => {
    const issues = broken((c) => {
      delete c.manifest.author.email;
    });
    expectError(issues, 'manifest.json', /"author\.email" is missing/);
    expect(errorsOf(issues).find((e) => e.field === 'author.email')).toBeDefined();
  });

  it('missing author', () => {
    expectError(
      broken((c) => {
        delete c.manifest.author;
      }),
      'manifest.json',
      /"author" is missing/,
    );
  });

  it('defaultLocale without its translation file', () => {
    expectError(
      broken((c) => {
        c.manifest.defaultLocale = 'de';
      }),
      'manifest.json',
      /translations\/de\.json is missing/,
    );
  });

  it('wrong frameworkVersion', () => {
    expectError(
      broken((c) => {
        c.manifest.frameworkVersion = '1.0';
      }),
      'manifest.json',
      /"frameworkVersion" is "1\.0"; it must be one of 2\.0/,
    );
    expectError(
      broken((c) => {
        delete c.manifest.frameworkVersion;
      }),
      'manifest.json',
      /"frameworkVersion" is missing/,
    );
  });

  it('bad version', () => {
    expectError(
      broken((c) => {
        c.manifest.version = 'one';
      }),
      'manifest.json',
      /"version" "one" is not a version/,
    );
  });

  it('location url file missing', () => {
    const issues = broken((c) => {
      c.files = c.files.filter((f) => f.path !== 'assets/report.html');
    });
    expectError(issues, 'manifest.json', /location\.support\.nav_bar\.url" \(assets\/report\.html\).*missing/);
  });

  it('location url outside assets/ or not https', () => {
    expectError(
      broken((c) => {
        c.manifest.location.support.nav_bar.url = 'report.html';
      }),
      'manifest.json',
      /nav_bar\.url/,
    );
    expectError(
      broken((c) => {
        c.manifest.location.support.nav_bar.url = 'http://example.com/r';
      }),
      'manifest.json',
      /nav_bar\.url/,
    );
    const ok = broken((c) => {
      c.manifest.location.support.nav_bar.url = 'https://example.com/r';
    });
    expect(errorsOf(ok).filter((e) => e.field?.includes('nav_bar'))).toEqual([]);
  });

  it('unknown location and no location', () => {
    expectError(
      broken((c) => {
        c.manifest.location.support.side_panel = { url: 'assets/report.html' };
      }),
      'manifest.json',
      /"side_panel" is not a Support location/,
    );
    expectError(
      broken((c) => {
        delete c.manifest.location;
      }),
      'manifest.json',
      /"location" is missing/,
    );
  });

  it('bad parameter type', () => {
    expectError(
      broken((c) => {
        c.manifest.parameters[0].type = 'password';
      }),
      'manifest.json',
      /parameters\[name="escalation_tags"\]\.type "password" is not one of text, checkbox/,
    );
  });

  it('secure on a disallowed type', () => {
    const issues = broken((c) => {
      c.manifest.parameters.push({ name: 'crm_login', type: 'oauth', secure: true });
      for (const t of Object.values(c.translations))
        t.app.parameters.crm_login = { label: 'CRM', helpText: 'Sign in.' };
    });
    expectError(issues, 'manifest.json', /parameters\[name="crm_login"\] is of type "oauth", which cannot be secure/);
  });

  it('required and default together', () => {
    expectError(
      broken((c) => {
        c.manifest.parameters[0].required = true;
      }),
      'manifest.json',
      /parameters\[name="escalation_tags"\] is required and also has a default/,
    );
  });

  it('hidden and required together', () => {
    expectError(
      broken((c) => {
        c.manifest.parameters[4].type = 'hidden';
        c.manifest.parameters[4].required = true;
      }),
      'manifest.json',
      /is hidden and so cannot be required/,
    );
  });

  it('duplicate parameter', () => {
    expectError(
      broken((c) => {
        c.manifest.parameters.push({ ...c.manifest.parameters[1] });
      }),
      'manifest.json',
      /duplicate parameters: escalation_group_ids/,
    );
  });

  it('reserved and badly formed parameter names', () => {
    const issues = broken((c) => {
      c.manifest.parameters.push({ name: 'name', type: 'text' }, { name: 'target.frt', type: 'text' });
    });
    expectError(issues, 'manifest.json', /a parameter cannot be called "name"/);
    expectError(issues, 'manifest.json', /"target\.frt" must be letters, digits and _/);
  });

  it('missing translation label in one locale', () => {
    const issues = broken((c) => {
      delete c.translations['translations/ru.json']!.app.parameters.manager_roles.label;
    });
    expectError(issues, 'translations/ru.json', /app\.parameters\.manager_roles has no label/);
    expectError(issues, 'translations/ru.json', /app\.parameters\.manager_roles\.label is missing/);
    expect(errorsOf(issues).every((e) => e.file === 'translations/ru.json')).toBe(true);
  });

  it('missing helpText in one locale', () => {
    expectError(
      broken((c) => {
        delete c.translations['translations/sw.json']!.app.parameters.stats_cache_minutes.helpText;
      }),
      'translations/sw.json',
      /app\.parameters\.stats_cache_minutes\.helpText is missing/,
    );
  });

  it('translation file that is not JSON', () => {
    expectError(
      validateApp({ ...real, translations: { ...real.translations, 'translations/ms.json': '{"app": ' } }),
      'translations/ms.json',
      /not valid JSON/,
    );
  });

  it('missing listing keys in the default locale', () => {
    expectError(
      broken((c) => {
        delete c.translations['translations/en.json']!.app.installation_instructions;
      }),
      'translations/en.json',
      /missing required key\(s\) app\.installation_instructions/,
    );
  });

  it('short_description too long', () => {
    const long = 'x'.repeat(81);
    // An error for a public app; ZAS skips Marketplace strings of private apps, so there a warning.
    const pub = broken((c) => {
      c.manifest.private = false;
      c.translations['translations/en.json']!.app.short_description = long;
    });
    expectError(pub, 'translations/en.json', /app\.short_description is 81 characters; the Marketplace allows 80/);
    const priv = broken((c) => {
      c.translations['translations/en.json']!.app.short_description = long;
    });
    expect(priv.some((i) => i.severity === 'warning' && i.field === 'app.short_description')).toBe(true);
  });

  it('logo wrong size', () => {
    const issues = broken((c) => {
      Object.assign(
        c.files.find((f) => f.path === 'assets/logo.png')!,
        { width: 300, height: 300 },
      );
    });
    expectError(issues, 'assets/logo.png', /assets\/logo\.png is 300×300; it must be 320×320/);
  });

  it('logo that is not a PNG, and a missing small logo', () => {
    const notPng = describeFile('assets/logo.png', Buffer.from('GIF89a........................'));
    expectError(
      broken((c) => {
        c.files = c.files.map((f) => (f.path === 'assets/logo.png' ? notPng : f));
      }),
      'assets/logo.png',
      /is not a PNG/,
    );
    expectError(
      broken((c) => {
        c.files = c.files.filter((f) => f.path !== 'assets/logo-small.png');
      }),
      'assets/logo-small.png',
      /is missing \(a 128×128 PNG\)/,
    );
  });

  it('missing icon_nav_bar.svg', () => {
    expectError(
      broken((c) => {
        c.files = c.files.filter((f) => f.path !== 'assets/icon_nav_bar.svg');
      }),
      'assets/icon_nav_bar.svg',
      /icon_nav_bar\.svg is missing: the nav_bar location shows it/,
    );
  });

  it('SVG with an embedded bitmap', () => {
    expectError(
      broken((c) => {
        c.files.find((f) => f.path === 'assets/icon_nav_bar.svg')!.text = '<svg><image href="x.png"/></svg>';
      }),
      'assets/icon_nav_bar.svg',
      /embeds a bitmap/,
    );
  });

  it('forbidden and stray files, oversize', () => {
    const issues = broken((c) => {
      c.files.push(
        { path: 'assets/manual.pdf', size: 10 },
        { path: 'src/index.ts', size: 10 },
        { path: 'assets/huge.js', size: 3_000_000 },
      );
    });
    expectError(issues, 'assets/manual.pdf', /\.pdf files are not allowed/);
    expectError(issues, 'src/index.ts', /does not belong in the package/);
    expectError(issues, 'assets/huge.js', /over the 2097152-byte package limit/);
    expectError(validateApp({ ...real, zipSize: 3_000_000 }), '(zip)', /over the 2 MB/);
  });
});
