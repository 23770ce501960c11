/** The limits and names the checks apply, each with where it comes from (see validate-app.ts). */
// ZAS manifest/parameter.rb TYPES = text checkbox url number multiline hidden oauth mtls. 'mtls' is
// accepted only with validate_mtls_param (off by default, manifest.rb invalid_type_error), so it is
// left out. 'password' was removed from ZAS (commit 46a376e "Remove passsword parameter").
export const PARAMETER_TYPES = ['text', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'] as const;
// ZAS manifest.rb oauth_cannot_be_secure (and mtls_cannot_have_certain_settings for mtls).
export const TYPES_THAT_CANNOT_BE_SECURE = ['oauth', 'mtls'];
// ZAS manifest.rb name_as_parameter_name_error: "Can't call a parameter 'name'".
export const RESERVED_PARAMETER_NAMES = ['name'];
// Project rule: names are used as settings keys and as translation keys app.parameters.<name>
// (a dot would nest the key), so keep them identifiers.
export const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// ZAS app_version.rb TO_BE_SERVED (DEPRECATED + SUNSETTING + CURRENT + FUTURE) = ['2.0'].
export const FRAMEWORK_VERSIONS = ['2.0'];
// ZAS translations.rb VALID_LOCALE.
export const VALID_LOCALE = /^[a-z]{2,3}(-\w{2,3})?$/;
// ZAS location.rb, the Support product's locations.
export const SUPPORT_LOCATIONS = [
  'top_bar',
  'nav_bar',
  'ticket_sidebar',
  'new_ticket_sidebar',
  'user_sidebar',
  'organization_sidebar',
  'background',
  'modal',
  'ticket_editor',
  'system_top_bar',
];
// ZAS package.rb LOCATIONS_WITH_ICONS_PER_PRODUCT[Support]: these locations show assets/icon_<location>.svg.
export const LOCATIONS_WITH_ICONS = ['top_bar', 'nav_bar', 'system_top_bar', 'ticket_editor'];
// ZAS translations.rb get_missing_keys: public_app_keys. (ZAS asks only 'name' of a private app;
// this project asks all four, in the default locale, so the listing text is always there.)
export const REQUIRED_APP_KEYS = ['name', 'short_description', 'long_description', 'installation_instructions'];
// Zendesk docs, Marketplace listing: name at most 40 characters, short description at most 80.
export const MAX_NAME_LENGTH = 40;
export const MAX_SHORT_DESCRIPTION_LENGTH = 80;
// Zendesk docs "Create app brand assets": logo.png 320×320, logo-small.png 128×128, PNG.
export const LOGOS = [
  { path: 'assets/logo.png', width: 320, height: 320 },
  { path: 'assets/logo-small.png', width: 128, height: 128 },
];
// Zendesk docs "Uploading and installing a private app": the zip may be at most 2 MB.
export const MAX_ZIP_BYTES = 2 * 1024 * 1024;
// ZAS mime.rb UNSUPPORTED_MIME_TYPES, matched on the file extension here.
export const FORBIDDEN_EXTENSIONS = [
  'rar',
  'zip',
  'gzip',
  'gz',
  'pdf',
  'doc',
  'docx',
  'avi',
  'bin',
  'bz',
  'bz2',
  'csh',
  'sh',
  'jar',
  'mp3',
  'mpeg',
  'odt',
  'pptx',
  'ppt',
  'xls',
  'xlsx',
  '7z',
];
