// Keeps the News line and the breaking banner of an open page current without a
// reload. Every reader polls the same two addresses; the browser revalidates them
// with their ETags, so a poll that finds nothing new is a 304 with no body. Each
// answer says how often to ask again (faster on a breaking day). Paused while the
// tab is hidden. Without JavaScript the page already holds both, as served.
(function () {
  "use strict";
  if (!window.fetch) {
    return;
  }
  var parts = [];
  var line = document.querySelector("[data-news-line-url]");
  if (line) {
    parts.push({
      url: line.getAttribute("data-news-line-url"),
      into: line.querySelector(".news-line__list"),
    });
  }
  var banner = document.querySelector("[data-breaking-url]");
  if (banner) {
    parts.push({ url: banner.getAttribute("data-breaking-url"), into: banner });
  }
  if (!parts.length) {
    return;
  }
  var seconds = parseInt(line && line.getAttribute("data-news-line-refresh"), 10) || 5;
  var timer = null;
  parts.forEach(function (part) {
    part.shown = part.into.innerHTML.trim();
  });

  function update(part) {
    return fetch(part.url, { cache: "no-cache", credentials: "omit" })
      .then(function (response) {
        var pace = parseInt(response.headers.get("X-Newsline-Refresh"), 10);
        if (pace > 0) {
          seconds = pace;
        }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        // An empty banner is news too: the breaking story was cleared.
        if (html !== null && html.trim() !== part.shown) {
          if (part.into === banner || html.trim()) {
            part.shown = html.trim();
            part.into.innerHTML = part.shown;
          }
        }
      })
      .catch(function () {
        // Offline or the server is busy: the next poll tries again.
      });
  }

  function refresh() {
    window.clearTimeout(timer);
    if (!document.hidden) {
      Promise.all(parts.map(update)).then(schedule, schedule);
    }
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, seconds * 1000);
  }

  document.addEventListener("visibilitychange", refresh);
  refresh();
})();
