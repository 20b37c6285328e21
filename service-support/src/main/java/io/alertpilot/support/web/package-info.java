/** API authentication and problem+json answers shared by the services. */
package io.alertpilot.support.web;
