import { createContext, useContext, type ReactNode } from 'react';

/** A page the signed-in user may open, as the menu lists it. */
export interface NavEntry {
  path: string;
  title: string;
  icon?: ReactNode;
}

/**
 * The menu entries the current user may open, provided by the app frame (which owns the route
 * table). Features read them here instead of importing app/routes.tsx, which lazily imports the
 * features: that way the imports run one way (app → features → lib) with no cycle.
 */
export const NavContext = createContext<NavEntry[]>([]);
export const useNav = () => useContext(NavContext);
