"""Ranked-choice elections and their candidates.

Revision ID: 0004_elections
Revises: 0003_training
Create Date: 2026-11-25 00:54:57.266202
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004_elections'
down_revision = '0003_training'
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('elections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('rules_preset', sa.String(length=40), nullable=True),
    sa.Column('rules_json', sa.Text(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'open', 'closed', name='electionstatus', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('result_json', sa.Text(), nullable=True),
    sa.Column('result_hash', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['assembly_id'], ['assemblies.id'], name=op.f('fk_elections_assembly_id_assemblies')),
    sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], name=op.f('fk_elections_vote_id_votes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_elections'))
    )
    with op.batch_alter_table('elections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_elections_assembly_id'), ['assembly_id'], unique=False)

    op.create_table('candidates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('consented_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['elections.id'], name=op.f('fk_candidates_election_id_elections')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_candidates_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidates')),
    sa.UniqueConstraint('election_id', 'member_id', name=op.f('uq_candidates_election_id_member_id')),
    sa.UniqueConstraint('election_id', 'name', name=op.f('uq_candidates_election_id_name'))
    )
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidates_election_id'), ['election_id'], unique=False)

    


def downgrade() -> None:
    
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidates_election_id'))

    op.drop_table('candidates')
    with op.batch_alter_table('elections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_elections_assembly_id'))

    op.drop_table('elections')
    
