import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { useAuth } from '../lib/session.tsx';
import { AuthProvider, FullPageSpin, RequireAuth } from './auth.tsx';
import { routes, type AppRoute } from './routes.tsx';
import { ForbiddenPage, NotFoundPage, ServerErrorPage } from '../pages/ErrorPages.tsx';

// Everything but the frame is a lazy chunk: the login page downloads only what it uses.
const LoginPage = lazy(() => import('../pages/LoginPage.tsx'));
const SetupPage = lazy(() => import('../pages/SetupPage.tsx'));
// The ballot page is public (no login): voters come with a one-time token, never an account.
const VotePage = lazy(() => import('../features/reviews/VotePage.tsx'));
// The meeting check-in page behind the QR code: opened on a phone, with or without a login.
const CheckinPage = lazy(() => import('../features/orglife/CheckinPage.tsx'));
// The 好差评 page is public too: citizens rate a service window from its poster's QR code.
const RatePage = lazy(() => import('../features/windows/RatePage.tsx'));
const ChangePasswordPage = lazy(() => import('../pages/ChangePasswordPage.tsx'));
// Where an activity's QR code leads: outside the app frame (phone, full screen), login required.
const CobuildScanPage = lazy(() => import('../features/cobuild/ScanPage.tsx'));
const AppLayout = lazy(() => import('./AppLayout.tsx'));

const page = (node: ReactNode) => <Suspense fallback={<FullPageSpin />}>{node}</Suspense>;

function Guard({ route }: { route: AppRoute }) {
  const { can } = useAuth();
  if (!can(route.permission)) return <ForbiddenPage />;
  const C = route.component;
  return <C />;
}

export const router = createBrowserRouter([
  {
    element: (
      <AuthProvider>
        <Outlet />
      </AuthProvider>
    ),
    errorElement: <ServerErrorPage />,
    children: [
      { path: '/login', element: page(<LoginPage />) },
      { path: '/setup', element: page(<SetupPage />) },
      { path: '/vote', element: page(<VotePage />) },
      { path: '/v/:code', element: page(<VotePage />) },
      { path: '/cobuild/scan', element: <RequireAuth>{page(<CobuildScanPage />)}</RequireAuth> },
      { path: '/checkin', element: page(<CheckinPage />) },
      { path: '/r/:code?', element: page(<RatePage />) },
      { path: '/change-password', element: <RequireAuth allowMustChange>{page(<ChangePasswordPage />)}</RequireAuth> },
      // Full-screen pages (会议大屏): logged in and permission-checked like every page, without the frame.
      ...routes
        .filter((r) => r.bare)
        .map((r) => ({ path: r.path, element: <RequireAuth>{page(<Guard route={r} />)}</RequireAuth> })),
      {
        element: <RequireAuth>{page(<AppLayout />)}</RequireAuth>,
        errorElement: <ServerErrorPage />,
        children: [
          ...routes
            .filter((r) => !r.bare)
            .map((r) => ({ path: r.path, element: <Guard route={r} />, errorElement: <ServerErrorPage /> })),
          { path: '/403', element: <ForbiddenPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
