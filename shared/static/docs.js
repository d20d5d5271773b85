// Starts Swagger UI (served by this service from the swagger-ui-py package: no CDN, works
// offline) on this service's own /openapi.json. A file of its own rather than an inline script,
// so the page keeps the services' Content-Security-Policy (script-src 'self').
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    tryItOutEnabled: false,
    persistAuthorization: false,
    validatorUrl: null, // no call to an online validator
  });
});
