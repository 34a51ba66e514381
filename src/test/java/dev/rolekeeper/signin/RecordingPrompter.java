package dev.rolekeeper.signin;

import dev.rolekeeper.sso.SignInNeed;
import dev.rolekeeper.sso.SignInPrompter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what would have been shown: each announcement with its action, each link opened. */
final class RecordingPrompter implements SignInPrompter {

  final List<SignInNeed> needs = new CopyOnWriteArrayList<>();
  final List<Runnable> actions = new CopyOnWriteArrayList<>();
  final List<String> opened = new CopyOnWriteArrayList<>();

  @Override
  public void announce(SignInNeed need, Runnable startSignIn) {
    needs.add(need);
    actions.add(startSignIn);
  }

  @Override
  public void openBrowser(String url) {
    opened.add(url);
  }
}
