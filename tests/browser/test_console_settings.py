"""The console's choice to share the plan without names reaches the shared plan page."""

from tests.support.game import join, open_game


def test_console_checkbox_makes_the_shared_plan_anonymous(browser, server, csp_violations):
    code, key = open_game(server)
    join(server, code, "Fatima", "inwoner")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    console = csp_violations(context.new_page())
    console.goto(f"{server.url}/s/{code}/console?key={key}")
    box = console.locator("#plan-anonymous")
    box.wait_for()
    assert not box.is_checked()
    plan = context.new_page()
    plan.goto(f"{server.url}/s/{code}/plan")
    assert "Fatima" in plan.content()
    box.check()
    for _attempt in range(50):  # the change is stored once the server acknowledged it
        plan.reload()
        if "Fatima" not in plan.content():
            break
        plan.wait_for_timeout(100)
    assert "Fatima" not in plan.content()
    console.reload()
    console.locator("#plan-anonymous").wait_for()
    console.wait_for_function("() => document.querySelector('#plan-anonymous').checked", timeout=5000)
    context.close()
    assert csp_violations.found == []
