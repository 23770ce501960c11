// The SDK ships CommonJS without types; this is the part of its surface the app uses.
declare module 'zendesk_app_framework_sdk' {
  export interface ZafSdkClient {
    get(paths: string | string[]): Promise<Record<string, unknown> & { errors?: Record<string, { message?: string }> }>;
    set(path: string, value: unknown): Promise<unknown>;
    invoke(name: string, ...args: unknown[]): Promise<unknown>;
    on(event: string, handler: (data: unknown) => void): void;
    off(event: string, handler: (data: unknown) => void): void;
    request(options: unknown): Promise<unknown>;
    metadata(): Promise<unknown>;
    context(): Promise<unknown>;
  }
  const ZAFClient: { init(callback?: (data: unknown) => void): ZafSdkClient | false };
  export default ZAFClient;
}
