from django.urls import path

from waypost.conversations import staff_views, views, webhooks

app_name = "conversations"

urlpatterns = [
    path("chat/", views.start, name="start"),
    path("chat/ended", views.ended, name="ended"),
    path("chat/contact-instead", views.contact_instead, name="contact_instead"),
    path("chat/forget", views.forget, name="forget"),
    path("chat/<uuid:public_id>/", views.chat, name="chat"),
    path("chat/<uuid:public_id>/messages", views.send, name="send"),
    path("chat/<uuid:public_id>/messages.json", views.messages_json, name="messages_json"),
    path("chat/<uuid:public_id>/events", views.events, name="events"),
    path("chat/<uuid:public_id>/end", views.end, name="end"),
    path("sms/inbound", webhooks.inbound, name="sms_inbound"),
    path("sms/status", webhooks.status, name="sms_status"),
    path("staff/conversations/", staff_views.inbox, name="inbox"),
    path("staff/conversations/<uuid:public_id>", staff_views.conversation, name="conversation"),
    path("staff/conversations/<uuid:public_id>/claim", staff_views.claim, name="claim"),
    path("staff/conversations/<uuid:public_id>/reply", staff_views.reply, name="reply"),
    path("staff/conversations/<uuid:public_id>/end", staff_views.end, name="end_conversation"),
    path("staff/conversations/<uuid:public_id>/transfer", staff_views.transfer, name="transfer"),
    path("staff/conversations/<uuid:public_id>/watch", staff_views.watch, name="watch"),
    path("staff/conversations/<uuid:public_id>/use-reply", staff_views.use_canned_reply, name="use_reply"),
    path(
        "staff/conversations/<uuid:public_id>/contact-request",
        staff_views.make_contact_request,
        name="make_contact_request",
    ),
    path("staff/conversations/<uuid:public_id>/erase", staff_views.erase, name="erase"),
    path("staff/conversations/replies/", staff_views.canned_replies, name="canned_replies"),
    path("staff/conversations/replies/<int:pk>/remove", staff_views.remove_canned_reply, name="remove_canned_reply"),
]
