/** Who may use the console: login with an API user's credential, the session, CSRF, role checks and the CSP. */
package io.alertpilot.console.security;
