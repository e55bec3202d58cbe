// Who is signed in: GET /me, with `can` (the actions the user's roles allow
// at some group). Pages ask can('manage_users') and hide or disable the rest;
// the server still checks every request.
import { createContext } from 'preact';
import { useContext, useEffect, useState, useCallback } from 'preact/hooks';
import { api, getTokens, onTokens, setTokens } from './api.js';

const SessionContext = createContext(null);

export function SessionProvider({ children }) {
  const [signedIn, setSignedIn] = useState(!!getTokens());
  const [me, setMe] = useState(null);
  const [meEtag, setMeEtag] = useState('');
  const [error, setError] = useState(null);

  const reload = useCallback(async () => {
    if (!getTokens()) {
      setMe(null);
      return null;
    }
    try {
      const r = await api('/me');
      setMe(r.data);
      setMeEtag(r.etag);
      setError(null);
      return r.data;
    } catch (e) {
      setError(e);
      return null;
    }
  }, []);

  useEffect(() => onTokens((t) => setSignedIn(!!t)), []);
  useEffect(() => {
    if (signedIn) reload();
    else setMe(null);
  }, [signedIn]);

  const signOut = useCallback(async () => {
    const t = getTokens();
    if (t && t.refreshToken) {
      try {
        await api('/auth/logout', { method: 'POST', body: { refreshToken: t.refreshToken } });
      } catch {
        /* signed out locally either way */
      }
    }
    setTokens(null);
  }, []);

  const can = useCallback((action) => !!(me && Array.isArray(me.can) && me.can.includes(action)), [me]);
  const value = { signedIn, me, meEtag, error, reload, signOut, can };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/**
 * The session: {signedIn, me, meEtag, reload, signOut, can(action)}.
 * Actions: view_groups, manage_groups, view_users, manage_users,
 * manage_notifications, manage_settings, manage_contacts, view_contacts,
 * answer_conversations, manage_credits, manage_organisation.
 */
export function useSession() {
  return useContext(SessionContext);
}
