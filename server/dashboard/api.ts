import ky, { HTTPError, type KyInstance } from 'ky';
import { LoginResponse, MeResponse, OrgResponse, type PublicUser } from '../../lib/contract/api';
import { ItemDetailResponse, ItemListResponse, OverviewResponse } from '../../lib/contract/reports';

/**
 * The dashboard's side of the server protocol. The bearer token lives in this tab's sessionStorage: the
 * dashboard's own origin only, gone with the tab, never in a cookie another site's request would carry.
 */
const TOKEN_KEY = 'samvad.dashboard.session';

export interface Session {
  token: string;
  user: PublicUser;
}

export function storedSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(TOKEN_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Session;
    return typeof value.token === 'string' && value.user ? value : null;
  } catch {
    return null;
  }
}

const origin = () => new URL('/', location.href).href;

export async function signIn(email: string, password: string): Promise<Session> {
  const answer = LoginResponse.parse(await ky.post('auth/login', { prefixUrl: origin(), json: { email, password }, retry: 0 }).json());
  const session = { token: answer.token, user: answer.user };
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(session));
  return session;
}

export function forgetSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The server's message of a failed request (its ApiError), else the error's own. */
export async function reasonOf(error: unknown): Promise<string> {
  if (error instanceof HTTPError) {
    try {
      const body = (await error.response.clone().json()) as { message?: string };
      if (body.message) return body.message;
    } catch {
      // not JSON: the status says it
    }
    return `${error.response.status} ${error.response.statusText}`;
  }
  return error instanceof Error ? error.message : String(error);
}

export interface ReportFilters {
  from: string;
  to: string;
  department: string;
  platform: string;
}

export const filterParams = (f: ReportFilters): Record<string, string> => ({
  from: f.from,
  to: f.to,
  ...(f.department ? { department: f.department } : {}),
  ...(f.platform ? { platform: f.platform } : {}),
});

export class DashboardApi {
  readonly http: KyInstance;

  constructor(
    readonly session: Session,
    onUnauthorised: () => void,
  ) {
    this.http = ky.create({
      prefixUrl: origin(),
      headers: { authorization: `Bearer ${session.token}` },
      retry: 0,
      hooks: {
        afterResponse: [
          (_request, _options, response) => {
            if (response.status === 401) onUnauthorised();
          },
        ],
      },
    });
  }

  async me(): Promise<PublicUser> {
    return MeResponse.parse(await this.http.get('auth/me').json()).user;
  }

  async signOut(): Promise<void> {
    await this.http.post('auth/logout').catch(() => undefined);
    forgetSession();
  }

  async org(): Promise<OrgResponse> {
    return OrgResponse.parse(await this.http.get('org').json());
  }

  async overview(filters: ReportFilters): Promise<OverviewResponse> {
    return OverviewResponse.parse(await this.http.get('reports/overview', { searchParams: filterParams(filters) }).json());
  }

  async items(filters: ReportFilters, after: string | null): Promise<ItemListResponse> {
    const searchParams = { ...filterParams(filters), limit: '50', ...(after ? { after } : {}) };
    return ItemListResponse.parse(await this.http.get('reports/items', { searchParams }).json());
  }

  async item(key: string): Promise<ItemDetailResponse> {
    return ItemDetailResponse.parse(await this.http.get(`reports/items/${encodeURIComponent(key)}`).json());
  }

  /** Fetches a CSV export (with the token, which a plain link cannot send) and hands it to the browser as a download. */
  async download(path: 'reports/items.csv' | 'reports/audit.csv', filters: ReportFilters): Promise<void> {
    const response = await this.http.get(path, { searchParams: filterParams(filters) });
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'samvad.csv';
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
