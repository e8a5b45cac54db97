"""Shared steps for the Q&A tests: create data through the API, the way a client does."""

from __future__ import annotations

from typing import Any

from tests.gql import gid, gql

ASK = """mutation($input: AskQuestionInput!) { askQuestion(input: $input) {
  question { id title body answerCount isAnswered topics { slug } group { slug } author { handle } }
  userErrors { field message code } } }"""
ANSWER = """mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) {
  answer { id body score isAccepted author { handle } }
  question { id answerCount isAnswered }
  userErrors { field message code } } }"""
VOTE = """mutation($input: VoteAnswerInput!) { voteAnswer(input: $input) {
  answer { id upvotes downvotes score viewerVote author { handle reputation } }
  userErrors { field message code } } }"""
ACCEPT = """mutation($input: AcceptAnswerInput!) { acceptAnswer(input: $input) {
  answer { id isAccepted author { handle reputation } }
  question { id acceptedAnswer { id } }
  userErrors { field message code } } }"""
UNACCEPT = """mutation($input: UnacceptAnswerInput!) { unacceptAnswer(input: $input) {
  answer { id isAccepted author { handle reputation } }
  question { id acceptedAnswer { id } }
  userErrors { field message code } } }"""
EDIT_QUESTION = """mutation($input: EditQuestionInput!) { editQuestion(input: $input) {
  question { id title body topics { slug } } userErrors { field message code } } }"""
EDIT_ANSWER = """mutation($input: EditAnswerInput!) { editAnswer(input: $input) {
  answer { id body } userErrors { field message code } } }"""


async def ask(client, token_for, author: dict, topics: list[dict], *, title: str = "How do I deploy metadata?",
              body: str = "Details of the problem.", group: dict | None = None) -> dict[str, Any]:
    """Ask through the API and return the created question (fails the test on any error)."""
    variables = {"input": {"title": title, "body": body, "topicIds": [gid("Topic", t) for t in topics]}}
    if group is not None:
        variables["input"]["groupId"] = gid("Group", group)
    body_ = await gql(client, ASK, variables, headers=token_for(author["id"]))
    assert "errors" not in body_, body_
    payload = body_["data"]["askQuestion"]
    assert payload["userErrors"] == [], payload
    return payload["question"]


async def answer(client, token_for, author: dict, question_id: str, body: str = "Try the CLI.") -> dict[str, Any]:
    result = await gql(client, ANSWER, {"input": {"questionId": question_id, "body": body}},
                       headers=token_for(author["id"]))
    assert "errors" not in result, result
    payload = result["data"]["answerQuestion"]
    assert payload["userErrors"] == [], payload
    return payload["answer"]


async def vote(client, token_for, voter: dict, answer_id: str, value: str) -> dict[str, Any]:
    result = await gql(client, VOTE, {"input": {"answerId": answer_id, "value": value}}, headers=token_for(voter["id"]))
    assert "errors" not in result, result
    return result["data"]["voteAnswer"]


async def accept(client, token_for, actor: dict, answer_id: str, *, undo: bool = False) -> dict[str, Any]:
    query = UNACCEPT if undo else ACCEPT
    return await gql(client, query, {"input": {"answerId": answer_id}}, headers=token_for(actor["id"]))
