// Starts Swagger UI on the API docs page. It lives in a file because the site's
// Content-Security-Policy allows no inline script; writes carry the CSRF token.
(function () {
  var box = document.getElementById("swagger-container");
  if (!box || typeof SwaggerUIBundle === "undefined") return;
  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)balai_csrf=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : undefined;
  }
  window.ui = SwaggerUIBundle({
    url: box.dataset.spec,
    dom_id: "#swagger-container",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    requestInterceptor: function (request) {
      var token = csrf();
      if (token !== undefined) request.headers["x-csrftoken"] = token;
      return request;
    }
  });
})();
