package dev.rolekeeper.http;

import dev.rolekeeper.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The page's one inline style sheet, and the Content-Security-Policy that allows exactly it (by its
 * SHA-256 hash): no scripts, no other sources, forms post only to the page itself.
 */
final class PageStyle {

  static final String CSS =
      String.join(
          "\n",
          ":root{color-scheme:light dark;--bg:#f4f5f7;--card:#fff;--fg:#1d2433;--muted:#5b6578;--line:#d5d9e0;"
              + "--accent:#1f5fd1;--ok:#16794c;--bad:#b42318;--note:#fff6e0;--oknote:#e7f6ee}",
          "@media (prefers-color-scheme:dark){:root{--bg:#15181e;--card:#1e232b;--fg:#e8ebf0;--muted:#a3acbb;"
              + "--line:#39414d;--accent:#7aa7ff;--ok:#4cc38a;--bad:#ff8a80;--note:#2d2818;--oknote:#173326}}",
          "*{box-sizing:border-box}",
          "body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,'Segoe UI',"
              + "Roboto,'Noto Sans',sans-serif}",
          "main{max-width:36rem;margin:2.5rem auto;padding:0 1rem}",
          ".brand{font-weight:600;color:var(--muted);letter-spacing:.02em;margin:0 0 .5rem}",
          ".card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1.5rem}",
          "h1{font-size:1.45rem;line-height:1.25;margin:0 0 1rem}",
          "dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0 0 1.25rem}",
          "dt{color:var(--muted)}dd{margin:0}",
          "code,.arn{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:.85em;word-break:break-all}",
          ".arn{color:var(--muted)}",
          ".notice{border-left:4px solid var(--bad);background:var(--note);padding:.75rem 1rem;margin:0 0 1.25rem;"
              + "border-radius:6px}",
          ".notice.ok{border-color:var(--ok);background:var(--oknote)}",
          "label{display:block;font-weight:600;margin:0 0 .5rem}",
          ".row{display:flex;gap:.75rem;flex-wrap:wrap}",
          "input{font:inherit;font-size:1.6rem;letter-spacing:.35em;width:9.5em;padding:.35rem .6rem;"
              + "border:2px solid var(--line);border-radius:8px;background:var(--bg);color:var(--fg)}",
          "button{font:inherit;font-weight:600;padding:.6rem 1.4rem;border:0;border-radius:8px;"
              + "background:var(--accent);color:#fff;cursor:pointer}",
          "@media (prefers-color-scheme:dark){button{color:#0b1220}}",
          "input:focus,button:focus{outline:3px solid var(--accent);outline-offset:2px}",
          ".hint{color:var(--muted);font-size:.9rem;margin:.75rem 0 0}",
          "p{margin:0 0 1rem}");

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src '"
          + hash(CSS)
          + "'; "
          + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private PageStyle() {}

  private static String hash(String css) {
    return "sha256-"
        + Base64.getEncoder().encodeToString(Sha256.of(css.getBytes(StandardCharsets.UTF_8)));
  }
}
