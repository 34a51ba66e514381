package dev.rolekeeper.sso;

/** How a person is told that a sign-in is needed, and how the approval page is opened for them. */
public interface SignInPrompter {

  /**
   * Tells the person; calls {@code startSignIn} if they choose to sign in (e.g. the notification's
   * action).
   */
  void announce(SignInNeed need, Runnable startSignIn);

  /** Opens the sign-in approval link in the person's browser. */
  void openBrowser(String url);

  /** Only the log line (and {@code status}, and {@code rolekeeper login}). */
  static SignInPrompter logOnly() {
    return new SignInPrompter() {
      @Override
      public void announce(SignInNeed need, Runnable startSignIn) {}

      @Override
      public void openBrowser(String url) {}
    };
  }
}
