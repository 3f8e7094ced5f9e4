// The signed-in staff member (GET /api/v1/auth/me with the session cookie), shared by console pages.
import { createContext, useContext } from 'react';
import type { ApiResponse } from '../api/client';

export type Me = ApiResponse<'/api/v1/auth/me', 'get'>;

export const SessionContext = createContext<{ me: Me; signOut: () => void } | null>(null);

export function useSession() {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside the console');
  return value;
}

export function holds(me: Me, role: string): boolean {
  return me.isSystemAdmin || me.roles.some((r) => r.role === role);
}
