/** The HTTP side of ingest: webhook endpoints, authentication, problem+json answers. */
package io.alertpilot.ingest.web;
