#!/usr/bin/env python3
"""Contract check of the sandbox's workspace endpoints (users, teams, roles, activity types, currencies, files,
filters, goals, mail, call logs, webhooks, organization relationships, subscriptions, followers, participants,
permitted users, flow): every call succeeds and its body validates against Pipedrive's spec (see check.py).

  python3 Tests/Contract/workspace.py --base-url http://127.0.0.1:PORT --token TOKEN

The account needs deals, persons, organizations and products with ids 1 to 4 (the workspace tests provide them).
Refusals (400, 404) are checked by the Swift tests, not here. Exits 1 when any call failed.
"""
import argparse
import json
import sys

import check

CONDITIONS = {"glue": "and", "conditions": [
    {"glue": "and", "conditions": [{"object": "deal", "field_id": "1", "operator": "=", "value": "x"}]},
    {"glue": "or", "conditions": []}]}
GOAL = {"assignee": {"id": 1, "type": "person"}, "type": {"name": "deals_won", "params": {}},
        "expected_outcome": {"target": 5, "tracking_metric": "quantity"},
        "duration": {"start": "2026-01-01", "end": "2026-12-31"}, "interval": "weekly"}
CALL = {"outcome": "busy", "to_phone_number": "+3725551234", "start_time": "2026-01-01T00:00:00.000Z",
        "end_time": "2026-01-01T00:01:00.000Z", "deal_id": 1}


def data(c, method, path, **kwargs):
    """Sends a call outside the check, for ids the checked calls need."""
    status, _, raw = c.client.send(method, path, **kwargs)
    return json.loads(raw).get("data") if raw else None


def made(c, method, path, **kwargs):
    """A checked create: the new row (`data`), or an empty one when the call failed (later calls then fail too)."""
    body = c.call(method, path, **kwargs)
    return (body or {}).get("data") or {}


def run(c):
    call = c.call
    for path in ["/users", "/users/me", "/users/2", "/users/1/followers", "/teams", "/teams/1", "/teams/user/1",
                 "/legacyTeams", "/roles", "/roles/1", "/activityTypes", "/currencies", "/files", "/files/1",
                 "/filters", "/filters/3", "/goals/find", "/callLogs", "/webhooks", "/deals/1/participants",
                 "/deals/1/persons", "/deals/1/permittedUsers"]:
        call("GET", "/api/v1" + path)
    call("GET", "/api/v1/users/find", {"term": "a"})
    call("GET", "/api/v1/currencies", {"term": "eu"})
    call("GET", "/api/v2/users/1/followers")
    call("GET", "/api/v1/files/1/download", binary=True)
    for entity in ["deals", "persons", "organizations", "products"]:
        call("GET", f"/api/v1/{entity}/1/files")
        call("GET", f"/api/v1/{entity}/1/followers")
        call("GET", f"/api/v2/{entity}/1/followers")
    for entity in ["deals", "persons", "organizations"]:
        for item in range(1, 5):
            call("GET", f"/api/v1/{entity}/{item}/flow")
            call("GET", f"/api/v1/{entity}/{item}/mailMessages", {"include_body": "1"})
    for folder in ["inbox", "drafts", "sent", "archive"]:
        call("GET", "/api/v1/mailbox/mailThreads", {"folder": folder})
    thread = data(c, "GET", "/api/v1/mailbox/mailThreads", query={"folder": "inbox"})[0]["id"]
    call("GET", f"/api/v1/mailbox/mailThreads/{thread}")
    call("GET", f"/api/v1/mailbox/mailThreads/{thread}/mailMessages")
    call("GET", "/api/v1/organizationRelationships", {"org_id": "1"})

    # Writes, each read back by the checked call that follows.
    user = made(c, "POST", "/api/v1/users", json_body={"email": "contract@example.com", "access": [{"app": "sales"}]})
    call("PUT", f"/api/v1/users/{user.get('id')}", json_body={"active_flag": False})
    team = made(c, "POST", "/api/v1/teams", json_body={"name": "Contract", "manager_id": 1, "users": [1, 2]})
    call("PUT", f"/api/v1/teams/{team.get('id')}", json_body={"description": "checked"})
    role = made(c, "POST", "/api/v1/roles", json_body={"name": "Contract", "parent_role_id": 1})
    call("PUT", f"/api/v1/roles/{role.get('id')}", json_body={"name": "Contract 2"})
    call("DELETE", f"/api/v1/roles/{role.get('id')}")
    kind = made(c, "POST", "/api/v1/activityTypes", json_body={"name": "Contract", "icon_key": "call"})
    call("PUT", f"/api/v1/activityTypes/{kind.get('id')}", json_body={"color": "FF0000"})
    call("DELETE", f"/api/v1/activityTypes/{kind.get('id')}")
    call("DELETE", "/api/v1/activityTypes", {"ids": "10"})
    upload = made(c, "POST", "/api/v1/files", form={"deal_id": 1}, files={"file": ("contract.txt", b"contract")})
    call("PUT", f"/api/v1/files/{upload.get('id')}", form={"name": "renamed.txt", "description": "checked"})
    call("DELETE", f"/api/v1/files/{upload.get('id')}")
    saved = made(c, "POST", "/api/v1/filters", json_body={"name": "Contract", "type": "deals", "conditions": CONDITIONS})
    call("PUT", f"/api/v1/filters/{saved.get('id')}", json_body={"name": "Contract 2", "conditions": CONDITIONS})
    call("DELETE", f"/api/v1/filters/{saved.get('id')}")
    call("DELETE", "/api/v1/filters", {"ids": "1,2"})
    goal = made(c, "POST", "/api/v1/goals", json_body=GOAL)
    call("PUT", f"/api/v1/goals/{goal.get('goal', {}).get('id')}", json_body={"title": "Contract"})
    call("DELETE", f"/api/v1/goals/{goal.get('goal', {}).get('id')}")
    call("PUT", f"/api/v1/mailbox/mailThreads/{thread}", form={"read_flag": "1", "archived_flag": "1", "deal_id": "2"})
    call("DELETE", f"/api/v1/mailbox/mailThreads/{thread}")
    log = made(c, "POST", "/api/v1/callLogs", json_body=CALL)
    call("GET", f"/api/v1/callLogs/{log.get('id')}")
    call("DELETE", f"/api/v1/callLogs/{log.get('id')}")
    hook = made(c, "POST", "/api/v1/webhooks", json_body={
        "subscription_url": "https://hooks.example.com/contract", "event_action": "*", "event_object": "deal",
        "name": "Contract"})
    call("DELETE", f"/api/v1/webhooks/{hook.get('id')}")
    relation = made(c, "POST", "/api/v1/organizationRelationships",
                    json_body={"type": "parent", "rel_owner_org_id": 1, "rel_linked_org_id": 2})
    call("GET", f"/api/v1/organizationRelationships/{relation.get('id')}", {"org_id": "2"})
    call("PUT", f"/api/v1/organizationRelationships/{relation.get('id')}", json_body={"type": "related"})
    call("DELETE", f"/api/v1/organizationRelationships/{relation.get('id')}")
    for entity in ["deals", "persons", "organizations", "products"]:
        taken = {row["user_id"] for row in data(c, "GET", f"/api/v1/{entity}/3/followers", query={"limit": 500})}
        free = [user for user in range(1, 16) if user not in taken]
        follower = made(c, "POST", f"/api/v1/{entity}/3/followers", json_body={"user_id": free[0]})
        call("DELETE", f"/api/v1/{entity}/3/followers/{follower.get('id')}")
        call("POST", f"/api/v2/{entity}/3/followers", json_body={"user_id": free[1]})
        call("DELETE", f"/api/v2/{entity}/3/followers/{free[1]}")
    present = {row["person_id"]["value"] for row in data(c, "GET", "/api/v1/deals/3/participants")}
    person = next(p for p in range(1, 5) if p not in present)
    participant = made(c, "POST", "/api/v1/deals/3/participants", json_body={"person_id": person})
    call("DELETE", f"/api/v1/deals/3/participants/{participant.get('id')}")
    # Subscriptions are in no spec any more: check.py checks their status only.
    for deal in range(1, 5):
        if data(c, "GET", f"/api/v1/subscriptions/find/{deal}") is None:
            subscription = made(c, "POST", "/api/v1/subscriptions/recurring", json_body={
                "deal_id": deal, "currency": "EUR", "cadence_type": "monthly", "cycles_count": 3, "cycle_amount": 10,
                "start_date": "2026-01-01"})
            call("PUT", f"/api/v1/subscriptions/recurring/{subscription.get('id')}",
                 json_body={"cycle_amount": 20, "effective_date": "2026-02-01"})
            call("DELETE", f"/api/v1/subscriptions/{subscription.get('id')}")
            break


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--spec-dir", default=str(check.DEFAULT_SPEC_DIR))
    args = parser.parse_args()
    checker = check.Checker(check.Client(args.base_url, args.token), check.Specs(args.spec_dir))
    run(checker)
    sys.exit(0 if checker.summary() else 1)


if __name__ == "__main__":
    main()
