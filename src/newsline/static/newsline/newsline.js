// Keeps the News line of an open page current without a reload. Every reader
// polls the same address; the browser revalidates it with its ETag, so a poll
// that finds nothing new is a 304 with no body. Paused while the tab is hidden.
(function () {
  "use strict";
  var line = document.querySelector("[data-news-line-url]");
  if (!line || !window.fetch) {
    return;
  }
  var list = line.querySelector(".news-line__list");
  var url = line.getAttribute("data-news-line-url");
  var seconds = parseInt(line.getAttribute("data-news-line-refresh"), 10) || 5;
  var shown = list.innerHTML.trim();

  function refresh() {
    if (document.hidden) {
      return;
    }
    fetch(url, { cache: "no-cache", credentials: "omit" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null && html.trim() && html.trim() !== shown) {
          shown = html.trim();
          list.innerHTML = shown;
        }
      })
      .catch(function () {
        // Offline or the server is busy: the next poll tries again.
      });
  }

  window.setInterval(refresh, seconds * 1000);
  document.addEventListener("visibilitychange", refresh);
  refresh();
})();
