from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "waypost.conversations"
    label = "conversations"
    verbose_name = "Conversations"
